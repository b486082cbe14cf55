using Streaming.Platform.Kafka.Backpressure;
using Streaming.Processors.Health;
using System.Diagnostics.Metrics;

namespace Streaming.Processors.Kafka;

/// <summary>The processors' instruments (meter <c>Streaming.Processors</c>); per-stage ones carry a <c>stage</c> tag.</summary>
public sealed class ProcessorMetrics
{
    public const string MeterName = "Streaming.Processors";

    public ProcessorMetrics(IMeterFactory meters, ProcessorsStatus status, ConsumerLagMonitor? lag = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(status);
        var meter = meters.Create(MeterName);
        Applied = meter.CreateCounter<long>("cdp.processors.events.applied", "{event}");
        Duplicates = meter.CreateCounter<long>("cdp.processors.events.duplicates", "{event}");
        DeadLettered = meter.CreateCounter<long>("cdp.processors.events.dead_lettered", "{event}", "Records sent to the dead-letter topic, by stage");
        Reruns = meter.CreateCounter<long>("cdp.processors.batch.reruns", "{batch}", "Batches rerun verified after a failed first attempt");
        Restarts = meter.CreateCounter<long>("cdp.processors.stream.restarts", "{restart}", "Stream restarts after a fault");
        BatchDuration = meter.CreateHistogram<double>("cdp.processors.batch.duration", "ms", "From the batch entering the store stage to its offsets stored");
        BatchSize = meter.CreateHistogram<long>("cdp.processors.batch.size", "{record}");
        meter.CreateObservableGauge("cdp.processors.partitions.buffered", () => status.BufferedRecords, "{record}", "Records this member holds in its partition sub-streams");
        meter.CreateObservableGauge("cdp.processors.partitions.assigned", () => status.AssignedPartitions.Count, "{partition}");
        StageEvents = meter.CreateCounter<long>("cdp.processors.stage.events", "{event}", "Records each stage handled, by stage");
        if (lag is { IsEnabled: true })
        {
            meter.CreateObservableGauge("cdp.processors.lag.max_partition", () => lag.MaxPartitionLag, "{record}", "The group's largest lag on one partition of cdp.events");
            meter.CreateObservableGauge("cdp.processors.lag.total", () => lag.TotalLag, "{record}");
        }
    }

    public Counter<long> Applied { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> DeadLettered { get; }

    public Counter<long> Reruns { get; }

    public Counter<long> Restarts { get; }

    public Counter<long> StageEvents { get; }

    public Histogram<double> BatchDuration { get; }

    public Histogram<long> BatchSize { get; }
}
