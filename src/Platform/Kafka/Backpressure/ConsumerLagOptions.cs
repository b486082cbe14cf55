using System.ComponentModel.DataAnnotations;

namespace Streaming.Platform.Kafka.Backpressure;

/// <summary>Settings of <see cref="ConsumerLagMonitor"/>, bound from <c>Kafka:Backpressure</c>.</summary>
public sealed class ConsumerLagOptions
{
    public const string Section = "Kafka:Backpressure";

    /// <summary>
    /// Throttle when, on any partition of <c>cdp.events</c>, this many records are not yet
    /// committed by the processors. The embedded broker keeps 5 MiB or 100,000 batches per
    /// partition; 5,000 records of up to 1 KiB each stay under 5 MiB even uncompressed, so
    /// nothing a processor still needs can fall off the broker's log.
    /// </summary>
    [Range(100, 90_000)]
    public int MaxLagPerPartition { get; set; } = 5_000;

    /// <summary>Measure on a real cluster too (whose retention is time-based); default: embedded broker only.</summary>
    public bool EnabledOnExternalCluster { get; set; }

    [Range(50, 10_000)]
    public int PollIntervalMs { get; set; } = 250;

    /// <summary>What ingest tells clients to wait (Retry-After) while throttled.</summary>
    [Range(1, 60)]
    public int RetryAfterSeconds { get; set; } = 1;
}
