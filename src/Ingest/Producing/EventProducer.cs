using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;

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
/// delivery handler) and the request waits once, for the last acknowledgement.
/// </summary>
internal sealed class EventProducer : IDisposable
{
    private readonly Lazy<IProducer<byte[], byte[]>> _producer;
    private readonly TimeSpan _ackTimeout;

    public EventProducer(KafkaBootstrap bootstrap, IOptions<IngestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        ArgumentNullException.ThrowIfNull(options);
        _ackTimeout = options.Value.AckTimeout;
        _producer = new Lazy<IProducer<byte[], byte[]>>(() =>
        {
            var config = KafkaClientConfigs.Producer(bootstrap.Servers, "cdp-ingest");
            // The handler only needs the status; copying key, value and headers back costs per record.
            config.DeliveryReportFields = "status";
            config.QueueBufferingMaxMessages = 500_000;
            // Every request waits for its acknowledgement, so linger is added to each request's
            // latency; under load records still batch while earlier produce requests are in flight.
            config.LingerMs = 1;
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
            try
            {
                producer.Produce(Topics.Events.Name, message, acks.Handler);
            }
            catch (ProduceException<byte[], byte[]>)
            {
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
