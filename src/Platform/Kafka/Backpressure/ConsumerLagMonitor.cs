using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Platform.Kafka.Backpressure;

/// <summary>
/// How far the processors' consumer group is behind on <c>cdp.events</c>, per partition, in
/// records and in bytes. Records: the high watermark minus the group's committed offset, measured
/// from Kafka itself (so it works whether the processors run in this process or elsewhere).
/// Bytes: what this process's producer put above the committed offset, as the broker stores it
/// (<see cref="ProducedBytesLedger"/>, kept current by every acknowledgement and trimmed here).
/// Ingest asks <see cref="ShouldThrottle"/> before producing and answers 503 with
/// <see cref="RetryAfter"/> while it is true: in embedded mode that keeps the lag below what the
/// mock broker retains (5 MiB or 100,000 batches per partition, the oldest dropped silently), so
/// an overload slows clients down instead of losing accepted events. Committed offsets trail the
/// processors' work by up to the auto-commit interval, so both measures err on the high (safe) side.
/// </summary>
public sealed partial class ConsumerLagMonitor : IDisposable
{
    private readonly KafkaBootstrap _bootstrap;
    private readonly KafkaOptions _kafka;
    private readonly ConsumerLagOptions _options;
    private readonly ILogger<ConsumerLagMonitor> _logger;
    private readonly Lock _gate = new();
    private IConsumer<Ignore, Ignore>? _consumer;
    private Timer? _timer;
    private long _maxLag;
    private long _totalLag;
    private int _measuring;
    private bool _disposed;

    public ConsumerLagMonitor(
        KafkaBootstrap bootstrap, ProducedBytesLedger producedBytes, IOptions<KafkaOptions> kafka,
        IOptions<ConsumerLagOptions> options, ILogger<ConsumerLagMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        ArgumentNullException.ThrowIfNull(producedBytes);
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(options);
        _bootstrap = bootstrap;
        ProducedBytes = producedBytes;
        _kafka = kafka.Value;
        _options = options.Value;
        _logger = logger;
    }

    public bool IsEnabled => _bootstrap.IsEmbedded || _options.EnabledOnExternalCluster;

    /// <summary>Where the producer of this process reports what it stored (used only while <see cref="IsEnabled"/>).</summary>
    public ProducedBytesLedger ProducedBytes { get; }

    /// <summary>True while producing more would risk the embedded broker dropping records the processors still need.</summary>
    public bool ShouldThrottle
    {
        get
        {
            if (!IsEnabled)
            {
                return false;
            }

            EnsureStarted();
            return Interlocked.Read(ref _maxLag) >= _options.MaxLagPerPartition
                || MaxPartitionLagBytes >= _options.MaxLagBytesPerPartition;
        }
    }

    public TimeSpan RetryAfter => TimeSpan.FromSeconds(_options.RetryAfterSeconds);

    /// <summary>The largest per-partition lag at the last measurement.</summary>
    public long MaxPartitionLag => Interlocked.Read(ref _maxLag);

    public long TotalLag => Interlocked.Read(ref _totalLag);

    public int MaxLagPerPartition => _options.MaxLagPerPartition;

    /// <summary>
    /// The most bytes not yet committed on any one partition, now: acknowledged bytes above the
    /// last measured committed offset, plus every byte still in flight (its partition unknown yet).
    /// </summary>
    public long MaxPartitionLagBytes => ProducedBytes.MaxPartitionBytes + ProducedBytes.InFlightBytes;

    public int MaxLagBytesPerPartition => _options.MaxLagBytesPerPartition;

    /// <summary>Measures now (the background timer does it every <see cref="ConsumerLagOptions.PollIntervalMs"/>).</summary>
    public void MeasureNow()
    {
        if (Interlocked.Exchange(ref _measuring, 1) == 1)
        {
            return;
        }

        try
        {
            if (Volatile.Read(ref _disposed))
            {
                return;
            }

            var consumer = Consumer();
            var partitions = Enumerable.Range(0, Topics.Events.Partitions)
                .Select(p => new TopicPartition(Topics.Events.Name, p)).ToList();
            var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(5))
                .ToDictionary(c => c.Partition.Value, c => c.Offset);
            long max = 0, total = 0;
            foreach (var partition in partitions)
            {
                var marks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5));
                var from = committed.TryGetValue(partition.Partition.Value, out var c) && c.Value >= 0 ? c.Value : marks.Low.Value;
                var lag = Math.Max(0, marks.High.Value - from);
                ProducedBytes.ForgetBelow(partition.Partition.Value, from);
                max = Math.Max(max, lag);
                total += lag;
            }

            Interlocked.Exchange(ref _maxLag, max);
            Interlocked.Exchange(ref _totalLag, total);
        }
        catch (KafkaException ex)
        {
            // Unknown lag is treated as the last known one; the next tick tries again.
            LogMeasureFailed(_logger, ex.Error.Reason);
        }
        finally
        {
            Interlocked.Exchange(ref _measuring, 0);
        }
    }

    public void Dispose()
    {
        Timer? timer;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            timer = _timer;
            _timer = null;
        }

        // The consumer goes only after the last timer callback and any measurement in progress
        // are done with it (a measurement that starts now sees the flag and does nothing).
        if (timer is not null)
        {
            using var callbacksDone = new ManualResetEvent(false);
            if (timer.Dispose(callbacksDone))
            {
                callbacksDone.WaitOne(TimeSpan.FromSeconds(15));
            }
        }

        SpinWait.SpinUntil(() => Volatile.Read(ref _measuring) == 0, TimeSpan.FromSeconds(15));
        lock (_gate)
        {
            _consumer?.Dispose();
            _consumer = null;
        }
    }

    private void EnsureStarted()
    {
        if (_timer is not null || Volatile.Read(ref _disposed))
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timer ??= new Timer(_ => MeasureNow(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(_options.PollIntervalMs));
        }
    }

    private IConsumer<Ignore, Ignore> Consumer()
    {
        lock (_gate)
        {
            // Never subscribes: it only reads the group's committed offsets and the watermarks.
            return _consumer ??= new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
            {
                BootstrapServers = _bootstrap.Servers,
                GroupId = _kafka.ProcessorsGroupId,
                ClientId = "cdp-lag-monitor",
                EnableAutoCommit = false,
            }).Build();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer lag could not be measured: {Reason}")]
    private static partial void LogMeasureFailed(ILogger logger, string reason);
}
