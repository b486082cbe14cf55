using System.ComponentModel.DataAnnotations;

namespace Streaming.Processors;

/// <summary>Settings of the stream processors, bound from the <c>Processors</c> section.</summary>
public sealed class ProcessorOptions
{
    public const string Section = "Processors";

    /// <summary>Run the Kafka consumer (off only for hosts that want the HTTP endpoints alone).</summary>
    public bool ConsumerEnabled { get; set; } = true;

    /// <summary>Most records one store transaction takes.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 2_000;

    /// <summary>Records buffered per partition before the partition is paused (backpressure to the fetcher).</summary>
    [Range(1, 1_000_000)]
    public int PartitionQueueCapacity { get; set; } = 8_000;

    /// <summary>
    /// Consumer session timeout: how long the group waits for a member that died before its
    /// partitions move (the embedded broker waits this long after every restart).
    /// </summary>
    [Range(6_000, 300_000)]
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// Longest a fetch waits for records (librdkafka's <c>fetch.wait.max.ms</c>). Unset: 20 ms on
    /// the embedded broker, which only answers an empty fetch when the wait is over; Kafka's
    /// default (500 ms) on a real cluster, which answers as soon as records arrive.
    /// </summary>
    [Range(1, 60_000)]
    public int? FetchWaitMaxMs { get; set; }

    /// <summary>
    /// Independent cycle pipelines per process, each with its own profile cache (every pipeline
    /// already overlaps staging one cycle with committing the previous). One (the default) means
    /// two partitions of this process that share a profile (a visitor's anonymous events and their
    /// signed-in events carry different Kafka keys) never conflict; more pipelines measured slower
    /// on 2 cores (their caches go stale against each other and batches rerun).
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentBatches { get; set; } = 1;

    /// <summary>
    /// Profiles kept in the LRU cache of each batch cycle runner (one per process by default; it
    /// serves all of the process's partitions, so it is sized like the per-partition caches it replaced together).
    /// </summary>
    [Range(0, 10_000_000)]
    public int ProfileCacheCapacity { get; set; } = 100_000;
}
