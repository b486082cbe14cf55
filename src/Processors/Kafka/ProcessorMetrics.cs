using System.Diagnostics.Metrics;

namespace Streaming.Processors.Kafka;

/// <summary>The processors' instruments (meter <c>Streaming.Processors</c>).</summary>
public sealed class ProcessorMetrics
{
    public const string MeterName = "Streaming.Processors";

    public ProcessorMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        Applied = meter.CreateCounter<long>("cdp.processors.events.applied", "{event}");
        Duplicates = meter.CreateCounter<long>("cdp.processors.events.duplicates", "{event}");
        DeadLettered = meter.CreateCounter<long>("cdp.processors.events.dead_lettered", "{event}");
        BatchDuration = meter.CreateHistogram<double>("cdp.processors.batch.duration", "ms");
    }

    public Counter<long> Applied { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> DeadLettered { get; }

    public Histogram<double> BatchDuration { get; }
}
