using Akka.Actor;
using Akka.Streams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Platform.Kafka;
using Streaming.Processors.Health;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Kafka;

/// <summary>
/// Runs the processors' graph (<see cref="ProcessorTopology"/>) on the role's actor system. A fault
/// (PostgreSQL or Kafka unreachable, the consume loop failing) fails the graph; it is logged,
/// counted, shown on <c>/readyz</c>, and the graph restarts with a fresh consumer after a backoff that
/// doubles per failure in a row, from the committed offsets (appends are idempotent, so the replay
/// is harmless). Shutdown revokes the partitions, lets the records in flight commit, then leaves the group.
/// </summary>
public sealed partial class ProcessorService(
    KafkaBootstrap bootstrap,
    IOptions<KafkaOptions> kafkaOptions,
    IOptions<ProcessorOptions> options,
    IProfileStore store,
    IServiceProvider services,
    DeadLetterPublisher deadLetters,
    ProcessorMetrics metrics,
    ProcessorsStatus status,
    ActorSystem actorSystem,
    ILogger<ProcessorService> logger) : BackgroundService
{
    /// <summary>Partitions this member owns now (for tests and diagnostics).</summary>
    public IReadOnlyCollection<int> AssignedPartitions => status.AssignedPartitions;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var materializer = actorSystem.Materializer(namePrefix: "cdp-processors");
        var runner = new StageRunner(store, new ProfileCache(settings.ProfileCacheCapacity), ProcessorTopology.ProfileStages(services));
        var decoder = new RecordDecoder(store);
        var offsets = new OffsetCommitter(deadLetters, metrics, [.. runner.Stages.Select(s => s.Name)]);
        var failuresInARow = 0;
        while (!stoppingToken.IsCancellationRequested && !actorSystem.WhenTerminated.IsCompleted)
        {
            // Whatever the cache held may belong to batches that never committed.
            runner.Cache.Clear();
            using var streamStopped = new CancellationTokenSource();
            using var consumer = new PartitionedConsumer(ConsumerConfig(settings), settings, logger, streamStopped.Token);
            using var committer = new BatchCommitter(runner, metrics, logger);
            var done = ProcessorTopology.Build(consumer.Partitions, decoder, committer, offsets, settings, streamStopped.Token)
                .Run(materializer);
            consumer.Start();
            status.Started(consumer);
            try
            {
                // Shutdown: revoke (the graph commits what it holds), leave the group, end the source; the graph then completes.
                using (stoppingToken.Register(consumer.Stop))
                {
                    await done;
                }

                failuresInARow = 0;
            }
            catch (Exception ex)
            {
                // Every fault ends here: logged, counted and on /readyz, then a restart; never a silent stop.
                failuresInARow++;
                status.Failed(ex);
                metrics.Restarts.Add(1);
                LogStreamFailed(logger, Backoff(settings, failuresInARow).TotalMilliseconds, ex);
            }
            finally
            {
                streamStopped.Cancel();
                consumer.Stop();
            }

            if (failuresInARow > 0 && !stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff(settings, failuresInARow), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        status.Stopped();
    }

    private Confluent.Kafka.ConsumerConfig ConsumerConfig(ProcessorOptions settings)
    {
        var config = KafkaClientConfigs.Consumer(bootstrap.Servers, kafkaOptions.Value.ProcessorsGroupId, "cdp-processors-" + Environment.ProcessId, settings.SessionTimeoutMs);
        // Fetch enough per request to keep a full batch fed, but not much more than the partition buffers hold.
        config.QueuedMaxMessagesKbytes = 16_384;
        // The embedded broker holds a fetch that finds nothing for the whole wait instead of answering
        // when records arrive (with Kafka's 500 ms, half a second of the visible latency); a real
        // broker answers early, so its default stays.
        config.FetchWaitMaxMs = settings.FetchWaitMaxMs ?? (bootstrap.IsEmbedded ? 20 : null);
        return config;
    }

    private static TimeSpan Backoff(ProcessorOptions settings, int failuresInARow) =>
        TimeSpan.FromMilliseconds(Math.Min(settings.RestartMaxBackoffMs, settings.RestartMinBackoffMs * Math.Pow(2, Math.Min(failuresInARow - 1, 20))));

    [LoggerMessage(Level = LogLevel.Error, Message = "The processors' stream stopped on a fault; restarting from the committed offsets in {BackoffMs} ms")]
    private static partial void LogStreamFailed(ILogger logger, double backoffMs, Exception exception);
}
