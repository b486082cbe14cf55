using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Platform.Kafka;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Kafka;

/// <summary>
/// The consumer-group member. One thread runs the consume loop and hands each record to the
/// worker of its partition; a full worker queue pauses that partition (backpressure reaches the
/// fetcher, never memory). Cooperative-sticky assignment: a rebalance only touches the
/// partitions that move. Offsets are stored by the workers after the store commit and
/// committed by the client in the background and on revocation and close.
/// </summary>
public sealed partial class ProcessorService(
    KafkaBootstrap bootstrap,
    IOptions<KafkaOptions> kafkaOptions,
    IOptions<ProcessorOptions> options,
    IProfileStore store,
    DeadLetterPublisher deadLetters,
    ProcessorMetrics metrics,
    ILogger<ProcessorService> logger) : BackgroundService
{
    private static readonly TimeSpan RevokeGrace = TimeSpan.FromSeconds(20);
    private readonly Dictionary<TopicPartition, PartitionWorker> _workers = [];
    private readonly List<TopicPartition> _fresh = [];
    private readonly BatchCycle _cycle = new(store, options.Value);

    /// <summary>Partitions this member owns now (for tests and diagnostics).</summary>
    public IReadOnlyCollection<int> AssignedPartitions
    {
        get
        {
            lock (_workers)
            {
                return [.. _workers.Keys.Select(k => k.Partition.Value)];
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => ConsumeLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void ConsumeLoop(CancellationToken stoppingToken)
    {
        var config = KafkaClientConfigs.Consumer(bootstrap.Servers, kafkaOptions.Value.ProcessorsGroupId, "cdp-processors-" + Environment.ProcessId, options.Value.SessionTimeoutMs);
        // Fetch enough per request to keep a 2,000-record batch fed, but no more than a partition queue holds.
        config.QueuedMaxMessagesKbytes = 16_384;
        // The embedded broker holds a fetch that finds nothing for the whole wait instead of answering
        // when records arrive (with Kafka's 500 ms, half a second of the visible latency); a real
        // broker answers early, so its default stays.
        config.FetchWaitMaxMs = options.Value.FetchWaitMaxMs ?? (bootstrap.IsEmbedded ? 20 : null);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetPartitionsAssignedHandler((c, assigned) => Assign(c, assigned))
            .SetPartitionsRevokedHandler((_, revoked) => Revoke(revoked.Select(r => r.TopicPartition)))
            .SetPartitionsLostHandler((_, lost) => Revoke(lost.Select(r => r.TopicPartition)))
            .SetErrorHandler((_, error) => LogKafkaError(logger, error.Code, error.Reason))
            .Build();
        consumer.Subscribe(Topics.Events.Name);
        try
        {
            var paused = new List<PartitionWorker>();
            while (!stoppingToken.IsCancellationRequested)
            {
                ResumeDrained(consumer, paused);
                ClearInheritedPause(consumer);
                ConsumeResult<byte[]?, byte[]?>? record;
                try
                {
                    record = consumer.Consume(TimeSpan.FromMilliseconds(paused.Count > 0 ? 20 : 200));
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    LogKafkaError(logger, ex.Error.Code, ex.Error.Reason);
                    continue;
                }

                if (record is null || record.IsPartitionEOF)
                {
                    continue;
                }

                PartitionWorker? worker;
                lock (_workers)
                {
                    _workers.TryGetValue(record.TopicPartition, out worker);
                }

                if (worker is not null && !worker.Offer(record) && !paused.Contains(worker))
                {
                    consumer.Pause([record.TopicPartition]);
                    paused.Add(worker);
                }
            }
        }
        finally
        {
            Revoke([.. _workers.Keys]);
            _cycle.Stop();
            consumer.Close();
        }
    }

    private void ResumeDrained(IConsumer<byte[]?, byte[]?> consumer, List<PartitionWorker> paused)
    {
        for (var i = paused.Count - 1; i >= 0; i--)
        {
            bool current;
            lock (_workers)
            {
                current = _workers.TryGetValue(paused[i].Partition, out var w) && w == paused[i];
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
        lock (_workers)
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
            LogKafkaError(logger, ex.Error.Code, ex.Error.Reason);
        }
    }

    private void Assign(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> assigned)
    {
        foreach (var partition in assigned)
        {
            var worker = new PartitionWorker(partition, consumer, _cycle, deadLetters, metrics, options.Value, logger);
            lock (_workers)
            {
                _workers[partition] = worker;
                _fresh.Add(partition);
            }

            worker.Start();
        }

        LogAssigned(logger, string.Join(",", assigned.Select(p => p.Partition.Value)));
    }

    private void Revoke(IEnumerable<TopicPartition> partitions)
    {
        var stopping = new List<PartitionWorker>();
        lock (_workers)
        {
            foreach (var partition in partitions)
            {
                if (_workers.Remove(partition, out var worker))
                {
                    stopping.Add(worker);
                }
            }
        }

        // In parallel: each finishes its in-flight batch (or abandons it after the grace period).
        Parallel.ForEach(stopping, w =>
        {
            w.Stop(RevokeGrace);
            w.Dispose();
        });
        if (stopping.Count > 0)
        {
            LogRevoked(logger, string.Join(",", stopping.Select(w => w.Partition.Partition.Value)));
        }
    }

    public override void Dispose()
    {
        _cycle.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions assigned: {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partitions revoked: {Partitions}")]
    private static partial void LogRevoked(ILogger logger, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka: {Code} {Reason}")]
    private static partial void LogKafkaError(ILogger logger, ErrorCode code, string reason);
}
