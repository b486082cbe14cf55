using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Npgsql;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Kafka;

/// <summary>
/// Owns one assigned partition: a bounded queue fed by the consume loop, and one task that takes
/// batches off it, runs them in the process's next <see cref="BatchCycle"/> (the store transaction
/// shared with the other partitions' batches), publishes dead letters, and only then stores the
/// next offset. Created clean on assignment, thrown away (queue and all) on revocation.
/// </summary>
internal sealed partial class PartitionWorker : IDisposable
{
    private readonly Channel<ConsumeResult<byte[]?, byte[]?>> _queue;
    private readonly Queue<ConsumeResult<byte[]?, byte[]?>> _overflow = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly BatchCycle _cycle;
    private readonly DeadLetterPublisher _deadLetters;
    private readonly ProcessorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private Task _loop = Task.CompletedTask;

    public PartitionWorker(
        TopicPartition partition, IConsumer<byte[]?, byte[]?> consumer, BatchCycle cycle,
        DeadLetterPublisher deadLetters, ProcessorMetrics metrics, ProcessorOptions options, ILogger logger)
    {
        Partition = partition;
        _consumer = consumer;
        _cycle = cycle;
        _deadLetters = deadLetters;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = options.MaxBatchSize;
        _queue = Channel.CreateBounded<ConsumeResult<byte[]?, byte[]?>>(new BoundedChannelOptions(options.PartitionQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public TopicPartition Partition { get; }

    /// <summary>True while the consume loop has paused the partition because this queue is full.</summary>
    public bool Paused => _overflow.Count > 0;

    /// <summary>Highest offset whose effects are committed to the store (-1 = none yet).</summary>
    public long CommittedOffset { get; private set; } = -1;

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>
    /// Called from the consume loop only. Returns false when the queue is full: the caller pauses
    /// the partition; the record waits here, in order, until <see cref="DrainOverflow"/> makes room.
    /// </summary>
    public bool Offer(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (_overflow.Count == 0 && _queue.Writer.TryWrite(record))
        {
            return true;
        }

        _overflow.Enqueue(record);
        return false;
    }

    /// <summary>Moves held records into the queue; true when none are left (the caller resumes the partition).</summary>
    public bool DrainOverflow()
    {
        while (_overflow.TryPeek(out var next) && _queue.Writer.TryWrite(next))
        {
            _overflow.Dequeue();
        }

        return _overflow.Count == 0;
    }

    /// <summary>
    /// Revocation or shutdown: no new batch starts; the batch in flight finishes (its store
    /// transaction commits or rolls back as a whole) within <paramref name="grace"/>, else it is
    /// abandoned (cancelled, so rolled back) and its records are redelivered to the next owner,
    /// which recognises whatever did commit by message id.
    /// </summary>
    public void Stop(TimeSpan grace)
    {
        _queue.Writer.TryComplete();
        _overflow.Clear();
        if (!_loop.Wait(grace))
        {
            _abandon.Cancel();
            _loop.Wait(TimeSpan.FromSeconds(10));
        }

        _cycle.ForgetCachedState();
    }

    public void Dispose() => _abandon.Dispose();

    private async Task RunAsync()
    {
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>(_maxBatch);
        var records = new List<RawRecord>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_abandon.Token))
            {
                // While this batch's cycle commits, whatever arrives waits here and joins the next one.
                await TakeAndProcessAsync(batch, records);
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            LogAbandoned(_logger, Partition.Partition.Value);
        }
    }

    private async Task TakeAndProcessAsync(List<ConsumeResult<byte[]?, byte[]?>> batch, List<RawRecord> records)
    {
        batch.Clear();
        records.Clear();
        while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var record))
        {
            batch.Add(record);
            records.Add(ToRaw(record));
        }

        if (batch.Count > 0)
        {
            await ProcessAsync(batch, records);
        }
    }

    private async Task ProcessAsync(List<ConsumeResult<byte[]?, byte[]?>> batch, List<RawRecord> records)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Decode and validate here, in parallel with the other partitions and the running cycle.
                var decoded = await _cycle.DecodeAsync(records, _abandon.Token);
                var result = decoded.Valid.Count > 0 ? await _cycle.RunAsync(decoded.Valid, _abandon.Token) : null;
                await _deadLetters.PublishAsync(decoded.DeadLetters, _abandon.Token);
                var last = batch[^1];
                StoreOffset(new TopicPartitionOffset(last.TopicPartition, last.Offset + 1));
                CommittedOffset = last.Offset.Value;
                _metrics.Applied.Add(result?.Applied ?? 0);
                _metrics.Duplicates.Add(result?.Duplicates ?? 0);
                _metrics.DeadLettered.Add(decoded.DeadLetters.Count);
                _metrics.BatchDuration.Record(clock.Elapsed.TotalMilliseconds);
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && !_abandon.IsCancellationRequested)
            {
                // Error policy of the store stage: retry the same batch with backoff; offsets stay put.
                LogRetry(_logger, Partition.Partition.Value, attempt, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt * attempt)), _abandon.Token);
            }
        }
    }

    private void StoreOffset(TopicPartitionOffset offset)
    {
        try
        {
            _consumer.StoreOffset(offset);
        }
        catch (KafkaException ex) when (ex.Error.Code is ErrorCode.Local_State or ErrorCode.Local_UnknownPartition)
        {
            // Revoked meanwhile: the next owner starts from the last committed offset and skips what is stored.
            LogStoreAfterRevoke(_logger, Partition.Partition.Value);
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is NpgsqlException or TimeoutException or ProduceException<byte[]?, byte[]?> or KafkaException or StoreConflictException
        || (ex is InvalidOperationException && ex.InnerException is NpgsqlException);

    private static RawRecord ToRaw(ConsumeResult<byte[]?, byte[]?> record)
    {
        var headers = record.Message.Headers is { Count: > 0 } h
            ? h.Select(x => new KeyValuePair<string, byte[]>(x.Key, x.GetValueBytes())).ToList()
            : [];
        return new RawRecord(record.Topic, record.Partition.Value, record.Offset.Value, record.Message.Key, record.Message.Value, headers);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: in-flight batch abandoned on revocation; it will be redelivered")]
    private static partial void LogAbandoned(ILogger logger, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: batch failed (attempt {Attempt}), retrying")]
    private static partial void LogRetry(ILogger logger, int partition, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition}: revoked before its offset could be stored")]
    private static partial void LogStoreAfterRevoke(ILogger logger, int partition);
}
