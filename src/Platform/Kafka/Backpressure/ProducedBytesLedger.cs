namespace Streaming.Platform.Kafka.Backpressure;

/// <summary>
/// What this process's producer has put on each partition of <c>cdp.events</c> that the
/// processors have not committed yet, in the bytes the broker keeps for it: the producer reports
/// every acknowledged record with its partition, offset and stored size
/// (<see cref="Delivered"/>), and <see cref="ConsumerLagMonitor"/> forgets what lies below the
/// group's committed offset (<see cref="ForgetBelow"/>). Records handed to the client but not yet
/// acknowledged count against every partition (<see cref="InFlightBytes"/>), since their
/// partition is not known before the acknowledgement. Only this process's producer is counted;
/// other producers are held back by the record limit alone.
/// </summary>
public sealed class ProducedBytesLedger
{
    private readonly PartitionBytes[] _partitions;
    private long _inFlight;

    public ProducedBytesLedger()
        : this(Topics.Events.Partitions)
    {
    }

    public ProducedBytesLedger(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _partitions = new PartitionBytes[partitions];
        for (var i = 0; i < partitions; i++)
        {
            _partitions[i] = new PartitionBytes();
        }
    }

    /// <summary>Bytes handed to the producer and not yet acknowledged or failed.</summary>
    public long InFlightBytes => Interlocked.Read(ref _inFlight);

    /// <summary>The most uncommitted bytes on any one partition (in flight not included).</summary>
    public long MaxPartitionBytes
    {
        get
        {
            long max = 0;
            foreach (var partition in _partitions)
            {
                max = Math.Max(max, partition.Total);
            }

            return max;
        }
    }

    /// <summary>The uncommitted bytes on one partition.</summary>
    public long PartitionBytesOf(int partition) =>
        (uint)partition < (uint)_partitions.Length ? _partitions[partition].Total : 0;

    /// <summary>A record of <paramref name="bytes"/> is handed to the producer.</summary>
    public void Sending(int bytes) => Interlocked.Add(ref _inFlight, bytes);

    /// <summary>The broker acknowledged the record at <paramref name="offset"/> of <paramref name="partition"/>.</summary>
    public void Delivered(int partition, long offset, int bytes)
    {
        Interlocked.Add(ref _inFlight, -bytes);
        if ((uint)partition < (uint)_partitions.Length && offset >= 0)
        {
            _partitions[partition].Add(offset, bytes);
        }
    }

    /// <summary>The record was not stored (delivery failed): it no longer counts.</summary>
    public void NotDelivered(int bytes) => Interlocked.Add(ref _inFlight, -bytes);

    /// <summary>The group has committed everything below <paramref name="offset"/> on <paramref name="partition"/>.</summary>
    public void ForgetBelow(int partition, long offset)
    {
        if ((uint)partition < (uint)_partitions.Length)
        {
            _partitions[partition].ForgetBelow(offset);
        }
    }

    /// <summary>One partition's acknowledged records in offset order (the idempotent producer acknowledges in order).</summary>
    private sealed class PartitionBytes
    {
        private readonly Lock _gate = new();
        private readonly Queue<(long Offset, int Bytes)> _records = new();
        private long _total;

        public long Total => Interlocked.Read(ref _total);

        public void Add(long offset, int bytes)
        {
            lock (_gate)
            {
                _records.Enqueue((offset, bytes));
                Interlocked.Add(ref _total, bytes);
            }
        }

        public void ForgetBelow(long offset)
        {
            lock (_gate)
            {
                while (_records.TryPeek(out var oldest) && oldest.Offset < offset)
                {
                    _records.Dequeue();
                    Interlocked.Add(ref _total, -oldest.Bytes);
                }
            }
        }
    }
}
