using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streaming.Platform.Kafka;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Kafka;

/// <summary>
/// The Kafka source of the graph: one consume loop (its own thread) and one sub-stream per assigned
/// partition, opened in the assign handler and completed in the revoke handler (as
/// Akka.Streams.Kafka's partitioned sources do). Each record goes to its partition's
/// <see cref="PartitionLease"/>; a full lease pauses the partition and a drained one resumes it, so
/// the graph's demand reaches the fetcher and memory stays bounded. Cooperative-sticky assignment:
/// a rebalance only touches the partitions that move. Offsets are stored by the graph's last stage
/// after the store commit and committed by the client in the background and on revocation and close.
/// </summary>
public sealed partial class PartitionedConsumer : IDisposable
{
    private static readonly TimeSpan RevokeGrace = TimeSpan.FromSeconds(20);
    private readonly Channel<PartitionLease> _assigned = Channel.CreateUnbounded<PartitionLease>();
    private readonly Dictionary<TopicPartition, PartitionLease> _leases = [];
    private readonly List<TopicPartition> _fresh = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ConsumerConfig _config;
    private readonly ProcessorOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationToken _streamStopped;
    private Thread? _thread;

    /// <param name="streamStopped">Cancelled when the graph has stopped: a revocation then stops waiting for its in-flight records.</param>
    public PartitionedConsumer(ConsumerConfig config, ProcessorOptions options, ILogger logger, CancellationToken streamStopped)
    {
        _config = config;
        _options = options;
        _logger = logger;
        _streamStopped = streamStopped;
        Partitions = ChannelSource.FromReader(_assigned.Reader);
    }

    /// <summary>One element per assignment of a partition to this member; completes when the consume loop ends.</summary>
    public Source<PartitionLease, NotUsed> Partitions { get; }

    public IReadOnlyCollection<int> AssignedPartitions
    {
        get
        {
            lock (_leases)
            {
                return [.. _leases.Keys.Select(k => k.Partition.Value)];
            }
        }
    }

    public IReadOnlyCollection<PartitionLease> Leases
    {
        get
        {
            lock (_leases)
            {
                return [.. _leases.Values];
            }
        }
    }

    public void Start()
    {
        _thread = new Thread(ConsumeLoop) { IsBackground = true, Name = "cdp-processors-consume" };
        _thread.Start();
    }

    /// <summary>Revokes every partition (waiting for their in-flight records while the graph runs), leaves the group, ends the sub-streams.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _thread?.Join();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void ConsumeLoop()
    {
        Exception? failure = null;
        try
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(_config)
                .SetPartitionsAssignedHandler((c, assigned) => Assign(c, assigned))
                .SetPartitionsRevokedHandler((_, revoked) => Revoke(revoked.Select(r => r.TopicPartition)))
                .SetPartitionsLostHandler((_, lost) => Revoke(lost.Select(r => r.TopicPartition)))
                .SetErrorHandler((_, error) => LogKafkaError(_logger, error.Code, error.Reason))
                .Build();
            consumer.Subscribe(Topics.Events.Name);
            try
            {
                Poll(consumer);
            }
            finally
            {
                Revoke(Leases.Select(l => l.Partition));
                consumer.Close();
            }
        }
        catch (Exception ex)
        {
            // Whatever ends the loop (a fatal client error, a failing handler) ends the source with it,
            // logged here: the graph fails, the service counts the restart (cdp.processors.stream.restarts)
            // and resumes from the committed offsets, so nothing consumed but uncommitted is lost.
            failure = ex;
            LogConsumerFailed(_logger, ex);
        }
        finally
        {
            _assigned.Writer.TryComplete(failure);
        }
    }

    private void Poll(IConsumer<byte[]?, byte[]?> consumer)
    {
        var paused = new List<PartitionLease>();
        while (!_stop.IsCancellationRequested)
        {
            ResumeDrained(consumer, paused);
            ClearInheritedPause(consumer);
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(TimeSpan.FromMilliseconds(paused.Count > 0 ? 20 : 200));
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                LogKafkaError(_logger, ex.Error.Code, ex.Error.Reason);
                continue;
            }

            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            PartitionLease? lease;
            lock (_leases)
            {
                _leases.TryGetValue(result.TopicPartition, out lease);
            }

            if (lease is not null && !lease.Offer(ToRecord(result, lease)) && !paused.Contains(lease))
            {
                consumer.Pause([result.TopicPartition]);
                paused.Add(lease);
            }
        }
    }

    private void ResumeDrained(IConsumer<byte[]?, byte[]?> consumer, List<PartitionLease> paused)
    {
        for (var i = paused.Count - 1; i >= 0; i--)
        {
            bool current;
            lock (_leases)
            {
                current = _leases.TryGetValue(paused[i].Partition, out var l) && l == paused[i];
            }

            if (!current)
            {
                paused.RemoveAt(i);
            }
            else if (paused[i].DrainOverflow())
            {
                consumer.Resume([paused[i].Partition]);
                paused.RemoveAt(i);
            }
        }
    }

    /// <summary>A partition revoked while paused and assigned again must start clean: resumed.</summary>
    private void ClearInheritedPause(IConsumer<byte[]?, byte[]?> consumer)
    {
        List<TopicPartition> fresh;
        lock (_leases)
        {
            if (_fresh.Count == 0)
            {
                return;
            }

            fresh = [.. _fresh];
            _fresh.Clear();
        }

        try
        {
            consumer.Resume(fresh);
        }
        catch (KafkaException ex)
        {
            LogKafkaError(_logger, ex.Error.Code, ex.Error.Reason);
        }
    }

    private void Assign(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> assigned)
    {
        foreach (var partition in assigned)
        {
            var lease = new PartitionLease(partition, consumer, _options.PartitionQueueCapacity, _options.PartitionQueueBytes);
            lock (_leases)
            {
                _leases[partition] = lease;
                _fresh.Add(partition);
            }

            _assigned.Writer.TryWrite(lease);
        }

        LogAssigned(_logger, string.Join(",", assigned.Select(p => p.Partition.Value)));
    }

    private void Revoke(IEnumerable<TopicPartition> partitions)
    {
        var ending = new List<PartitionLease>();
        lock (_leases)
        {
            foreach (var partition in partitions)
            {
                if (_leases.Remove(partition, out var lease))
                {
                    ending.Add(lease);
                }
            }
        }

        // In parallel: each waits for its in-flight records to commit (or gives up after the grace period).
        var unsettled = 0;
        Parallel.ForEach(ending, lease =>
        {
            if (!lease.End(RevokeGrace, _streamStopped))
            {
                Interlocked.Increment(ref unsettled);
            }
        });
        if (ending.Count > 0)
        {
            LogRevoked(_logger, string.Join(",", ending.Select(l => l.Partition.Partition.Value)), unsettled);
        }
    }

    private static ConsumedRecord ToRecord(ConsumeResult<byte[]?, byte[]?> result, PartitionLease lease)
    {
        var message = result.Message;
        var headers = message.Headers is { Count: > 0 } h
            ? h.Select(x => new KeyValuePair<string, byte[]>(x.Key, x.GetValueBytes())).ToList()
            : [];
        var raw = new RawRecord(result.Topic, result.Partition.Value, result.Offset.Value, message.Key, message.Value, headers);
        return new ConsumedRecord(raw, lease, (message.Key?.Length ?? 0) + (message.Value?.Length ?? 0));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions assigned: {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions revoked: {Partitions} ({Unsettled} with records not yet committed: the next owner redelivers them)")]
    private static partial void LogRevoked(ILogger logger, string partitions, int unsettled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka: {Code} {Reason}")]
    private static partial void LogKafkaError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The consume loop failed; the processors' stream restarts")]
    private static partial void LogConsumerFailed(ILogger logger, Exception exception);
}
