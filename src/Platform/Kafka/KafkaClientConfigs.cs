using Confluent.Kafka;
using Streaming.Platform.Kafka.Native;

namespace Streaming.Platform.Kafka;

/// <summary>
/// The client settings every role uses, in one place so producers and consumers agree. Each
/// factory first makes sure the process runs on the supported librdkafka (<see cref="KafkaNativeLibrary"/>).
/// </summary>
public static class KafkaClientConfigs
{
    /// <summary>
    /// The producers' batch codec: LZ4 costs little CPU per byte and lets a partition of the
    /// embedded broker (5 MiB of stored batches) hold several times more JSON events.
    /// </summary>
    public const CompressionType Compression = CompressionType.Lz4;

    /// <summary>Idempotent, acks=all producer; Murmur2Random so Java clients co-partition with us.</summary>
    public static ProducerConfig Producer(string bootstrapServers, string clientId)
    {
        KafkaNativeLibrary.EnsureLoaded();
        return new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = clientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 5,
            CompressionType = Compression,
            MessageTimeoutMs = 120_000,
        };
    }

    /// <summary>
    /// Consumer-group member that stores offsets only when the work is durable
    /// (<c>EnableAutoOffsetStore = false</c>) and commits stored offsets in the background.
    /// </summary>
    /// <remarks>
    /// The group runs Kafka's classic protocol with the cooperative-sticky assignor: incremental
    /// rebalances (a member keeps the partitions it is not asked to give up), the same behaviour
    /// on the embedded broker and on any Kafka version. The session timeout also bounds how long
    /// a group waits for a member that left or died before it rebalances: the embedded broker
    /// (librdkafka's mock cluster) waits almost a full session timeout after any member leaves, so
    /// Kafka's 45 s default would stall every restart. 10 s was Kafka's own default before 3.0;
    /// tests may go down to 6 s (the broker minimum).
    /// </remarks>
    public static ConsumerConfig Consumer(
        string bootstrapServers, string groupId, string clientId, int sessionTimeoutMs = 10_000)
    {
        KafkaNativeLibrary.EnsureLoaded();
        return new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            ClientId = clientId,
            GroupProtocol = GroupProtocol.Classic,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 1_000,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            SessionTimeoutMs = sessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(500, sessionTimeoutMs / 5),
        };
    }
}
