using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Kafka;

/// <summary>
/// This member's hold on one assigned partition: the sub-stream's buffer (bounded in records and
/// in bytes; full = the consume loop pauses the partition), the offsets handed downstream and
/// stored, and the end of the hold (revocation completes the sub-stream). Created clean on
/// assignment, never reused.
/// </summary>
public sealed class PartitionLease
{
    private readonly Channel<ConsumedRecord> _buffer = Channel.CreateUnbounded<ConsumedRecord>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Queue<ConsumedRecord> _overflow = new();
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly int _maxRecords;
    private readonly long _maxBytes;
    private long _queuedRecords;
    private long _queuedBytes;
    private long _handed = -1;
    private long _stored = -1;
    private volatile bool _ended;

    public PartitionLease(TopicPartition partition, IConsumer<byte[]?, byte[]?> consumer, int maxRecords, long maxBytes)
    {
        Partition = partition;
        _consumer = consumer;
        _maxRecords = maxRecords;
        _maxBytes = maxBytes;
        Records = ChannelSource.FromReader(_buffer.Reader).Select(Taken);
    }

    public TopicPartition Partition { get; }

    /// <summary>The partition's sub-stream: completes when the partition is revoked and its buffer is drained.</summary>
    public Source<ConsumedRecord, NotUsed> Records { get; }

    /// <summary>Held back while the buffer is full (the partition is paused meanwhile).</summary>
    public bool Paused => _overflow.Count > 0;

    /// <summary>Highest offset whose effects are committed and whose offset is stored (-1 = none yet).</summary>
    public long StoredOffset => Interlocked.Read(ref _stored);

    public long QueuedRecords => Interlocked.Read(ref _queuedRecords);

    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    private bool Full => Interlocked.Read(ref _queuedRecords) >= _maxRecords || Interlocked.Read(ref _queuedBytes) >= _maxBytes;

    /// <summary>Consume loop only. False when the buffer is full: the caller pauses the partition; the record waits here, in order.</summary>
    public bool Offer(ConsumedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_overflow.Count == 0 && !Full)
        {
            Hand(record);
            return true;
        }

        _overflow.Enqueue(record);
        return false;
    }

    /// <summary>Consume loop only: moves held records on while there is room; true when none are left (resume the partition).</summary>
    public bool DrainOverflow()
    {
        while (_overflow.Count > 0 && !Full)
        {
            Hand(_overflow.Dequeue());
        }

        return _overflow.Count == 0;
    }

    /// <summary>
    /// The graph's last stage, after the batch holding the records up to <paramref name="offset"/>
    /// committed: stores the next offset for the client to commit.
    /// </summary>
    public void Store(long offset)
    {
        if (offset <= StoredOffset)
        {
            return;
        }

        Interlocked.Exchange(ref _stored, offset);
        try
        {
            _consumer.StoreOffset(new TopicPartitionOffset(Partition, offset + 1));
        }
        catch (KafkaException ex) when (ex.Error.Code is ErrorCode.Local_State or ErrorCode.Local_UnknownPartition)
        {
            // Revoked meanwhile: the next owner starts from the committed offset and recognises what is stored by message id.
        }

        if (_ended && offset >= Interlocked.Read(ref _handed))
        {
            _settled.TrySetResult();
        }
    }

    /// <summary>
    /// Revocation: records not yet handed are dropped, the sub-stream completes after what it holds;
    /// waits until that is committed and stored, the <paramref name="grace"/> ends or the stream stops.
    /// </summary>
    public bool End(TimeSpan grace, CancellationToken streamStopped)
    {
        _ended = true;
        _overflow.Clear();
        _buffer.Writer.TryComplete();
        if (StoredOffset >= Interlocked.Read(ref _handed))
        {
            return true;
        }

        try
        {
            return _settled.Task.Wait(grace, streamStopped);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Hand(ConsumedRecord record)
    {
        Interlocked.Increment(ref _queuedRecords);
        Interlocked.Add(ref _queuedBytes, record.Bytes);
        Interlocked.Exchange(ref _handed, record.Raw.Offset);
        _buffer.Writer.TryWrite(record);
    }

    private ConsumedRecord Taken(ConsumedRecord record)
    {
        Interlocked.Decrement(ref _queuedRecords);
        Interlocked.Add(ref _queuedBytes, -record.Bytes);
        return record;
    }
}
