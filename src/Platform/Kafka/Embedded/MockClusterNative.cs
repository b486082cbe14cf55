using System.Runtime.InteropServices;

namespace Streaming.Platform.Kafka.Embedded;

/// <summary>
/// P/Invoke declarations for librdkafka's mock cluster (rdkafka_mock.h) and the few core calls
/// it needs. The library loads by its default name, which resolves to Debian's librdkafka.so,
/// the same library Confluent.Kafka uses.
/// </summary>
internal static unsafe partial class MockClusterNative
{
    private const string Library = "librdkafka";

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

    public static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? $"error {err}";
}
