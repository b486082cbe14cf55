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
    public int PartitionQueueCapacity { get; set; } = 4_000;

    /// <summary>Bytes (keys and values) buffered per partition before the partition is paused.</summary>
    [Range(1_024, 1L << 34)]
    public long PartitionQueueBytes { get; set; } = 8L << 20;

    /// <summary>Most partitions one member holds at once (the breadth of the graph's merge of partition sub-streams).</summary>
    [Range(1, 100_000)]
    public int MaxAssignedPartitions { get; set; } = 1_024;

    /// <summary>First wait before the stream restarts after a fault; doubles with each failure in a row.</summary>
    [Range(10, 600_000)]
    public int RestartMinBackoffMs { get; set; } = 500;

    /// <summary>Longest wait between restarts.</summary>
    [Range(10, 600_000)]
    public int RestartMaxBackoffMs { get; set; } = 30_000;

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
    /// Profiles kept in the LRU cache of the process's batch runner (it serves all of the
    /// process's partitions).
    /// </summary>
    [Range(0, 10_000_000)]
    public int ProfileCacheCapacity { get; set; } = 100_000;
}
