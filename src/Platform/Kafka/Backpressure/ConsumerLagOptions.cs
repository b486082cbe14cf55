using System.ComponentModel.DataAnnotations;

namespace Streaming.Platform.Kafka.Backpressure;

/// <summary>Settings of <see cref="ConsumerLagMonitor"/>, bound from <c>Kafka:Backpressure</c>.</summary>
public sealed class ConsumerLagOptions
{
    public const string Section = "Kafka:Backpressure";

    /// <summary>
    /// Throttle when, on any partition of <c>cdp.events</c>, this many records are not yet
    /// committed by the processors, whoever produced them. The embedded broker keeps 5 MiB or
    /// 100,000 batches per partition: this bounds the batches, and the bytes of producers the
    /// byte limit does not see (5,000 records of up to 1 KiB stay under 5 MiB even uncompressed).
    /// </summary>
    [Range(100, 90_000)]
    public int MaxLagPerPartition { get; set; } = 5_000;

    /// <summary>
    /// Throttle when, on any partition, the records this process produced and the processors have
    /// not committed take this many bytes on the broker (as stored: the compressed batches the
    /// embedded broker counts against its 5 MiB), records still in flight included. The default,
    /// 4 MiB, leaves 1 MiB for what the estimate cannot see (batch framing it rounds, records of
    /// other producers, requests answered between two commits).
    /// </summary>
    [Range(64 * 1024, 5 * 1024 * 1024)]
    public int MaxLagBytesPerPartition { get; set; } = 4 * 1024 * 1024;

    /// <summary>Measure on a real cluster too (whose retention is time-based); default: embedded broker only.</summary>
    public bool EnabledOnExternalCluster { get; set; }

    [Range(50, 10_000)]
    public int PollIntervalMs { get; set; } = 250;

    /// <summary>What ingest tells clients to wait (Retry-After) while throttled.</summary>
    [Range(1, 60)]
    public int RetryAfterSeconds { get; set; } = 1;
}
