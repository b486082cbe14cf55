using System.Diagnostics;
using Confluent.Kafka;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Embedded;

namespace Streaming.Platform.Tests.Kafka;

/// <summary>What the shared client settings put on the wire, read from the embedded broker's request tracking.</summary>
public sealed class ClientProtocolTests : IDisposable
{
    private static readonly TopicSpec Topic = new("test.protocol", 2);
    private readonly EmbeddedKafkaBroker _broker = new(brokerCount: 1, [Topic]);

    [Fact]
    public async Task The_shared_producer_obtains_a_producer_id_before_its_first_produce()
    {
        _broker.StartRequestTracking();
        using (var producer = new ProducerBuilder<string, string>(
            KafkaClientConfigs.Producer(_broker.BootstrapServers, "protocol-producer")).Build())
        {
            await producer.ProduceAsync(Topic.Name, new Message<string, string> { Key = "k", Value = "v" });
        }

        var requests = _broker.TrackedRequests().Select(r => r.ApiKey).ToList();

        // Idempotence: the broker deduplicates retried batches by producer id and sequence.
        var initProducerId = requests.IndexOf(KafkaApiKey.InitProducerId);
        var firstProduce = requests.IndexOf(KafkaApiKey.Produce);
        Assert.True(initProducerId >= 0, "no InitProducerId request: the producer is not idempotent");
        Assert.True(firstProduce > initProducerId, "a Produce request went out before the producer had its id");
    }

    [Fact]
    public void The_shared_consumer_joins_its_group_with_the_classic_protocol()
    {
        using (var producer = new ProducerBuilder<string, string>(
            KafkaClientConfigs.Producer(_broker.BootstrapServers, "protocol-producer")).Build())
        {
            producer.Produce(Topic.Name, new Message<string, string> { Key = "k", Value = "v" });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        _broker.StartRequestTracking();
        using (var consumer = new ConsumerBuilder<string, string>(
            KafkaClientConfigs.Consumer(_broker.BootstrapServers, "protocol-group", "protocol-consumer", sessionTimeoutMs: 6_000)).Build())
        {
            consumer.Subscribe(Topic.Name);
            var deadline = Stopwatch.StartNew();
            ConsumeResult<string, string>? result = null;
            while (result is null && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            }

            Assert.NotNull(result);
            consumer.Close();
        }

        var requests = _broker.TrackedRequests().Select(r => r.ApiKey).ToHashSet();

        Assert.Contains(KafkaApiKey.JoinGroup, requests);
        Assert.Contains(KafkaApiKey.SyncGroup, requests);
        Assert.DoesNotContain(KafkaApiKey.ConsumerGroupHeartbeat, requests);
    }

    public void Dispose() => _broker.Dispose();
}
