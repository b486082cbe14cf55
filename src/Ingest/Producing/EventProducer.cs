using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Backpressure;

namespace Streaming.Ingest.Producing;

/// <summary>What became of a request's records.</summary>
internal enum DeliveryOutcome
{
    /// <summary>Kafka acknowledged every record (acks=all).</summary>
    Acknowledged,

    /// <summary>At least one record failed or the wait timed out: the client must retry (messageIds make that harmless).</summary>
    NotAcknowledged,
}

/// <summary>
/// The one idempotent, acks=all producer of the edge (<see cref="KafkaClientConfigs.Producer"/>).
/// A request's records are all handed to librdkafka without waiting (non-blocking Produce with a
/// delivery handler) and the request waits once, for the last acknowledgement. While the lag
/// monitor is on (the embedded broker), every record's stored size goes to its
/// <see cref="ProducedBytesLedger"/>: in flight when produced, on its partition when acknowledged.
/// </summary>
internal sealed class EventProducer : IDisposable
{
    private readonly Lazy<IProducer<byte[], byte[]>> _producer;
    private readonly TimeSpan _ackTimeout;
    private readonly ProducedBytesLedger? _ledger;
    private readonly StoredRecordSize _sizes = new(KafkaClientConfigs.Compression);

    public EventProducer(KafkaBootstrap bootstrap, ConsumerLagMonitor lag, IOptions<IngestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        ArgumentNullException.ThrowIfNull(lag);
        ArgumentNullException.ThrowIfNull(options);
        _ackTimeout = options.Value.AckTimeout;
        _ledger = lag.IsEnabled ? lag.ProducedBytes : null;
        _producer = new Lazy<IProducer<byte[], byte[]>>(() =>
        {
            var config = KafkaClientConfigs.Producer(bootstrap.Servers, "cdp-ingest");
            // The handler only needs the status; copying key, value and headers back costs per record.
            config.DeliveryReportFields = "status";
            config.QueueBufferingMaxMessages = 500_000;
            // Every request waits for its acknowledgement, so any linger is added to each request's
            // latency: none at all (./streaming bench ingest: /v1/track 28,600 -> 49,600 requests/s
            // against 1 ms, /v1/batch not slower). Under load records still batch, while earlier
            // produce requests are in flight.
            config.LingerMs = 0;
            return new ProducerBuilder<byte[], byte[]>(config).Build();
        });
    }

    /// <summary>Produces every envelope of a request and waits until all are acknowledged, one failed, or the timeout.</summary>
    public async Task<DeliveryOutcome> ProduceAsync(
        IReadOnlyList<EventEnvelope> events, byte[] writeKey, byte[] traceParent, CancellationToken cancellationToken)
    {
        var producer = _producer.Value;
        var acks = new PendingAcks(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var envelope = events[i];
            var message = new Message<byte[], byte[]>
            {
                Key = EventKey.For(envelope),
                Value = EventEnvelopeSerializer.Serialize(envelope),
                Timestamp = new Timestamp(envelope.ReceivedAt),
                Headers = RecordHeaders.For(envelope, writeKey, traceParent),
            };
            var bytes = 0;
            try
            {
                if (_ledger is null)
                {
                    producer.Produce(Topics.Events.Name, message, acks.Handler);
                }
                else
                {
                    bytes = _sizes.Of(message);
                    _ledger.Sending(bytes);
                    producer.Produce(Topics.Events.Name, message, acks.Counting(_ledger, bytes));
                }
            }
            catch (ProduceException<byte[], byte[]>)
            {
                _ledger?.NotDelivered(bytes);
                // Local queue full (the broker is down or slow) or a client error: fail the request
                // now. Records already queued may still land; the client's retry reuses their messageIds.
                return DeliveryOutcome.NotAcknowledged;
            }
        }

        try
        {
            return await acks.Task.WaitAsync(_ackTimeout, cancellationToken) ? DeliveryOutcome.Acknowledged : DeliveryOutcome.NotAcknowledged;
        }
        catch (TimeoutException)
        {
            return DeliveryOutcome.NotAcknowledged;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; its records may still land, and its retry reuses their messageIds.
            return DeliveryOutcome.NotAcknowledged;
        }
    }

    /// <summary>Waits until queued records are delivered (on shutdown), so an answered request's records are not dropped.</summary>
    public void Flush(TimeSpan timeout)
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(timeout);
        }
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(10));
            _producer.Value.Dispose();
        }
    }

    /// <summary>Counts acknowledgements down; completes true when all arrived, false at the first failure.</summary>
    private sealed class PendingAcks : TaskCompletionSource<bool>
    {
        private int _remaining;

        public PendingAcks(int count)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            _remaining = count;
            Handler = OnDelivered;
            if (count == 0)
            {
                TrySetResult(true);
            }
        }

        public Action<DeliveryReport<byte[], byte[]>> Handler { get; }

        /// <summary>A handler for one record that also reports its stored size to the ledger.</summary>
        public Action<DeliveryReport<byte[], byte[]>> Counting(ProducedBytesLedger ledger, int bytes) => report =>
        {
            if (report.Error.IsError || report.Status != PersistenceStatus.Persisted)
            {
                ledger.NotDelivered(bytes);
            }
            else
            {
                ledger.Delivered(report.Partition.Value, report.Offset.Value, bytes);
            }

            OnDelivered(report);
        };

        private void OnDelivered(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError || report.Status != PersistenceStatus.Persisted)
            {
                TrySetResult(false);
            }
            else if (Interlocked.Decrement(ref _remaining) == 0)
            {
                TrySetResult(true);
            }
        }
    }
}
