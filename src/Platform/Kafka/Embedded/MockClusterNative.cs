using System.Runtime.InteropServices;

namespace Streaming.Platform.Kafka.Embedded;

/// <summary>
/// P/Invoke declarations for librdkafka's mock cluster (rdkafka_mock.h) and the few core calls
/// it needs. <see cref="Native.KafkaNativeLibrary"/> resolves the import to the file
/// Confluent.Kafka loaded, so the broker and the clients share one librdkafka.
/// </summary>
internal static unsafe partial class MockClusterNative
{
    private const string Library = Native.KafkaNativeLibrary.ImportName;

    public const int ProducerType = 0;
    public const int ConfOk = 0;

    [LibraryImport(Library)]
    public static partial nint rd_kafka_conf_new();

    [LibraryImport(Library)]
    public static partial void rd_kafka_conf_destroy(nint conf);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_new(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library)]
    public static partial void rd_kafka_destroy(nint rk);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_err2str(int err);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_mock_cluster_new(nint rk, int brokerCount);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_cluster_destroy(nint cluster);

    [LibraryImport(Library)]
    public static partial nint rd_kafka_mock_cluster_bootstraps(nint cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(nint cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_down(nint cluster, int brokerId);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_up(nint cluster, int brokerId);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_rtt(nint cluster, int brokerId, int rttMs);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_push_request_errors_array(nint cluster, short apiKey, nuint count, int* errors);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_clear_request_errors(nint cluster, short apiKey);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_start_request_tracking(nint cluster);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_stop_request_tracking(nint cluster);

    [LibraryImport(Library)]
    public static partial nint* rd_kafka_mock_get_requests(nint cluster, nuint* count);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_clear_requests(nint cluster);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_request_destroy_array(nint* requests, nuint count);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_request_id(nint request);

    [LibraryImport(Library)]
    public static partial short rd_kafka_mock_request_api_key(nint request);

    [LibraryImport(Library)]
    public static partial long rd_kafka_mock_request_timestamp(nint request);

    public static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? $"error {err}";
}
