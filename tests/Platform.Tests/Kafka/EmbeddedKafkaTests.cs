using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Embedded;
using Streaming.TestSupport;

namespace Streaming.Platform.Tests.Kafka;

public sealed class EmbeddedKafkaTests : IDisposable
{
    private static readonly TopicSpec Topic = new("test.embedded", 4);
    private readonly EmbeddedKafkaBroker _broker = new(brokerCount: 1, [Topic]);

    [Fact]
    public async Task Records_produced_by_the_real_client_are_consumed_in_a_group_with_committed_offsets()
    {
        var sent = await ProduceAsync(Enumerable.Range(0, 500).Select(i => $"m{i}"));

        var received = ConsumeUntil("group-a", sent.Count);

        Assert.Equal(sent.Order(), received.Order());
        Assert.Equal(sent.Count, CommittedTotal("group-a"));
    }

    [Fact]
    public async Task A_restarted_consumer_resumes_from_the_committed_offset()
    {
        var first = await ProduceAsync(Enumerable.Range(0, 200).Select(i => $"first-{i}"));
        Assert.Equal(first.Order(), ConsumeUntil("group-b", first.Count).Order());

        var second = await ProduceAsync(Enumerable.Range(0, 100).Select(i => $"second-{i}"));
        var afterRestart = ConsumeUntil("group-b", second.Count);

        // Nothing from before the restart is read again, and nothing after it is missed.
        Assert.Equal(second.Order(), afterRestart.Order());
        Assert.Equal(first.Count + second.Count, CommittedTotal("group-b"));
    }

    [Fact]
    public async Task The_producer_retries_through_a_broker_outage_and_delivers_everything_once()
    {
        using var producer = new ProducerBuilder<string, string>(
            KafkaClientConfigs.Producer(_broker.BootstrapServers, "outage-test")).Build();
        // Connect and learn the partition leaders while the broker is up.
        await producer.ProduceAsync(Topic.Name, new Message<string, string> { Key = "warm", Value = "warm-up" });

        _broker.SetBrokerDown(1);
        var values = Enumerable.Range(0, 1_000).Select(i => $"outage-{i}").ToList();
        var deliveries = values
            .Select(v => producer.ProduceAsync(Topic.Name, new Message<string, string> { Key = v, Value = v }))
            .ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.All(deliveries, d => Assert.False(d.IsCompleted, "nothing can be acknowledged while the broker is down"));

        _broker.SetBrokerUp(1);
        var results = await Task.WhenAll(deliveries);

        Assert.All(results, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));
        var received = ConsumeUntil("group-outage", values.Count + 1);
        Assert.Equal(values.Append("warm-up").Order(), received.Order());
    }

    [Fact]
    public async Task Injected_produce_errors_are_retried_without_duplicates()
    {
        _broker.PushRequestErrors(KafkaApiKey.Produce,
            ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);

        var sent = await ProduceAsync(Enumerable.Range(0, 300).Select(i => $"retry-{i}"));

        Assert.Equal(sent.Order(), ConsumeUntil("group-errors", sent.Count).Order());
    }

    [Fact]
    public async Task Kcat_on_the_machine_can_produce_to_the_embedded_broker()
    {
        var start = new ProcessStartInfo("kcat", ["-P", "-b", _broker.BootstrapServers, "-t", Topic.Name, "-K", ":"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
        };
        using (var kcat = Process.Start(start)!)
        {
            await kcat.StandardInput.WriteAsync("k1:from-kcat-1\nk2:from-kcat-2\n");
            kcat.StandardInput.Close();
            await kcat.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(kcat.ExitCode == 0, await kcat.StandardError.ReadToEndAsync());
        }

        Assert.Equal(["from-kcat-1", "from-kcat-2"], ConsumeUntil("group-kcat", 2).Order());
    }

    public void Dispose() => _broker.Dispose();

    private async Task<List<string>> ProduceAsync(IEnumerable<string> values)
    {
        using var producer = new ProducerBuilder<string, string>(
            KafkaClientConfigs.Producer(_broker.BootstrapServers, "test-producer")).Build();
        var list = values.ToList();
        var results = await Task.WhenAll(list.Select(v =>
            producer.ProduceAsync(Topic.Name, new Message<string, string> { Key = v, Value = v })));
        Assert.All(results, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));
        return list;
    }

    /// <summary>Consumes exactly <paramref name="count"/> records as a group member, storing and
    /// committing each offset, then leaves the group cleanly.</summary>
    private List<string> ConsumeUntil(string groupId, int count)
    {
        using var consumer = new ConsumerBuilder<string, string>(
            KafkaClientConfigs.Consumer(_broker.BootstrapServers, groupId, "test-consumer", sessionTimeoutMs: 6_000)).Build();
        consumer.Subscribe(Topic.Name);
        var received = new List<string>();
        var deadline = Stopwatch.StartNew();
        while (received.Count < count && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            received.Add(result.Message.Value);
            consumer.StoreOffset(result);
        }

        // Anything extra that arrives now would be a duplicate.
        var extra = consumer.Consume(TimeSpan.FromMilliseconds(500));
        Assert.Null(extra?.Message.Value);
        try
        {
            consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // The background auto-commit already committed everything stored.
        }

        consumer.Close();
        Assert.Equal(count, received.Count);
        return received;
    }

    private long CommittedTotal(string groupId)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(
            KafkaClientConfigs.Consumer(_broker.BootstrapServers, groupId, "offset-reader")).Build();
        var partitions = Enumerable.Range(0, Topic.Partitions).Select(p => new TopicPartition(Topic.Name, p));
        return consumer.Committed(partitions, TimeSpan.FromSeconds(10))
            .Sum(o => o.Offset == Offset.Unset ? 0 : o.Offset.Value);
    }
}
