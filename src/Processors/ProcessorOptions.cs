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
    /// Batches committing at once across all partitions of this process. PostgreSQL on a small
    /// machine commits a few big batches faster than many small ones, and fewer transactions in
    /// flight means partitions that share a profile rarely wait on or conflict with each other.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>Profiles kept in each partition's LRU cache.</summary>
    [Range(0, 10_000_000)]
    public int ProfileCacheCapacity { get; set; } = 20_000;
}
