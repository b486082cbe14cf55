using System.Text;
using Confluent.Kafka;
using Streaming.Platform.Kafka.Native;

namespace Streaming.Platform.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster, listening on loopback TCP ports and
/// speaking the real Kafka protocol, so any client on the machine (ours, kcat, a load generator)
/// can use it. Messages live in memory only, and each partition keeps at most 5 MiB or 100,000
/// batches: consumers must not lag further (ingest applies backpressure before they could).
/// </summary>
public sealed unsafe class EmbeddedKafkaBroker : IDisposable
{
    private readonly Lock _gate = new();
    private nint _handle;
    private nint _cluster;

    public EmbeddedKafkaBroker(int brokerCount, IEnumerable<TopicSpec> topics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        KafkaNativeLibrary.EnsureLoaded();
        BrokerCount = brokerCount;
        _handle = CreateHostHandle();
        _cluster = MockClusterNative.rd_kafka_mock_cluster_new(_handle, brokerCount);
        if (_cluster == 0)
        {
            MockClusterNative.rd_kafka_destroy(_handle);
            throw new InvalidOperationException("librdkafka could not create the embedded mock cluster.");
        }

        BootstrapServers = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(
            MockClusterNative.rd_kafka_mock_cluster_bootstraps(_cluster))
            ?? throw new InvalidOperationException("The embedded mock cluster reported no bootstrap address.");

        foreach (var topic in topics)
        {
            CreateTopic(topic);
        }
    }

    public string BootstrapServers { get; }

    /// <summary>Broker ids are 1 to <see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    public void CreateTopic(TopicSpec topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Check(MockClusterNative.rd_kafka_mock_topic_create(Cluster, topic.Name, topic.Partitions, 1),
            $"create topic {topic.Name}");
    }

    /// <summary>Disconnects the broker and refuses new connections until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) =>
        Check(MockClusterNative.rd_kafka_mock_broker_set_down(Cluster, brokerId), $"take broker {brokerId} down");

    public void SetBrokerUp(int brokerId) =>
        Check(MockClusterNative.rd_kafka_mock_broker_set_up(Cluster, brokerId), $"bring broker {brokerId} up");

    /// <summary>Delays every response of the broker by the round-trip time.</summary>
    public void SetBrokerRoundTrip(int brokerId, TimeSpan rtt) =>
        Check(MockClusterNative.rd_kafka_mock_broker_set_rtt(Cluster, brokerId, (int)rtt.TotalMilliseconds),
            $"set round-trip time of broker {brokerId}");

    /// <summary>The next requests of this type fail with these errors, one each, in order.</summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = Array.ConvertAll(errors, e => (int)e);
        fixed (int* p = codes)
        {
            MockClusterNative.rd_kafka_mock_push_request_errors_array(Cluster, (short)apiKey, (nuint)codes.Length, p);
        }
    }

    public void ClearRequestErrors(KafkaApiKey apiKey) =>
        MockClusterNative.rd_kafka_mock_clear_request_errors(Cluster, (short)apiKey);

    /// <summary>Records every request the brokers receive from now on (see <see cref="TrackedRequests"/>).</summary>
    public void StartRequestTracking() => MockClusterNative.rd_kafka_mock_start_request_tracking(Cluster);

    public void StopRequestTracking() => MockClusterNative.rd_kafka_mock_stop_request_tracking(Cluster);

    /// <summary>Forgets the requests recorded so far; tracking goes on if it is on.</summary>
    public void ClearTrackedRequests() => MockClusterNative.rd_kafka_mock_clear_requests(Cluster);

    /// <summary>The requests received since tracking started (or was cleared), oldest first.</summary>
    public IReadOnlyList<TrackedRequest> TrackedRequests()
    {
        nuint count;
        var requests = MockClusterNative.rd_kafka_mock_get_requests(Cluster, &count);
        if (requests is null)
        {
            return [];
        }

        try
        {
            var list = new List<TrackedRequest>((int)count);
            for (nuint i = 0; i < count; i++)
            {
                list.Add(new TrackedRequest(
                    (KafkaApiKey)MockClusterNative.rd_kafka_mock_request_api_key(requests[i]),
                    MockClusterNative.rd_kafka_mock_request_id(requests[i]),
                    DateTimeOffset.UnixEpoch.AddTicks(MockClusterNative.rd_kafka_mock_request_timestamp(requests[i]) * 10)));
            }

            return list;
        }
        finally
        {
            MockClusterNative.rd_kafka_mock_request_destroy_array(requests, count);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != 0)
            {
                MockClusterNative.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = 0;
            }

            if (_handle != 0)
            {
                MockClusterNative.rd_kafka_destroy(_handle);
                _handle = 0;
            }
        }
    }

    private nint Cluster
    {
        get
        {
            var cluster = _cluster;
            ObjectDisposedException.ThrowIf(cluster == 0, this);
            return cluster;
        }
    }

    private static nint CreateHostHandle()
    {
        const int errSize = 512;
        var errstr = stackalloc byte[errSize];
        var conf = MockClusterNative.rd_kafka_conf_new();
        // The host handle only owns the mock cluster; it sends nothing, so only errors are logged.
        if (MockClusterNative.rd_kafka_conf_set(conf, "log_level", "3", errstr, errSize) != MockClusterNative.ConfOk)
        {
            MockClusterNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException(Encoding.UTF8.GetString(errstr, errSize).TrimEnd('\0'));
        }

        var handle = MockClusterNative.rd_kafka_new(MockClusterNative.ProducerType, conf, errstr, errSize);
        if (handle == 0)
        {
            MockClusterNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException(
                "librdkafka could not create a client handle: " + Encoding.UTF8.GetString(errstr, errSize).TrimEnd('\0'));
        }

        return handle;
    }

    private static void Check(int err, string what)
    {
        if (err != 0)
        {
            throw new KafkaException(new Error((ErrorCode)err, $"Embedded broker could not {what}: {MockClusterNative.ErrorText(err)}"));
        }
    }
}
