using Streaming.Processors.Kafka;

namespace Streaming.Processors.Health;

/// <summary>The processors' stream as <c>/readyz</c> and the metrics see it: running, or stopped and why.</summary>
public sealed class ProcessorsStatus
{
    private volatile PartitionedConsumer? _consumer;
    private volatile string? _failure;
    private long _restarts;

    public bool Running { get; private set; }

    /// <summary>The fault that stopped the stream last, while it is stopped (null when running).</summary>
    public string? Failure => _failure;

    public long Restarts => Interlocked.Read(ref _restarts);

    public IReadOnlyCollection<int> AssignedPartitions => _consumer?.AssignedPartitions ?? [];

    public long BufferedRecords => _consumer?.Leases.Sum(l => l.QueuedRecords) ?? 0;

    internal void Started(PartitionedConsumer consumer)
    {
        _consumer = consumer;
        _failure = null;
        Running = true;
    }

    internal void Failed(Exception exception)
    {
        Running = false;
        _failure = $"{exception.GetType().Name}: {exception.Message}";
        Interlocked.Increment(ref _restarts);
    }

    internal void Stopped()
    {
        Running = false;
        _consumer = null;
    }
}
