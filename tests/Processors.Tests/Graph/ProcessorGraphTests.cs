using System.Text;
using Akka.Actor;
using Akka.Streams;
using Confluent.Kafka;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Processors.Health;
using Streaming.Processors.Kafka;
using Streaming.Processors.Tests.Driver;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Tests.Graph;

/// <summary>
/// The whole graph of <see cref="ProcessorTopology"/> on a real actor system, fed partition leases by
/// hand instead of a consume loop, over the in-memory store: what the wiring guarantees.
/// </summary>
public sealed class ProcessorGraphTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("graph-tests");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly KafkaBootstrap _kafka = new(Options.Create(new KafkaOptions()), NullLogger<KafkaBootstrap>.Instance);
    private readonly IConsumer<byte[]?, byte[]?> _handle =
        new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.Consumer("127.0.0.1:9", "graph-tests", "graph-tests")).Build();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _system.Terminate();
        _handle.Dispose();
        _kafka.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Each_partition_is_applied_in_order_its_poison_dead_lettered_and_its_last_offset_stored()
    {
        var store = new InMemoryProfileStore();
        var metrics = new ProcessorMetrics(_services.GetRequiredService<IMeterFactory>(), new ProcessorsStatus());
        using var deadLetters = new DeadLetterPublisher(_kafka);
        using var committer = new BatchCommitter(TestTopology.Runner(store), metrics, NullLogger.Instance);
        var options = new ProcessorOptions { MaxBatchSize = 50 };
        var leases = Enumerable.Range(0, 3)
            .Select(p => new PartitionLease(new TopicPartition(Topics.Events.Name, p), _handle, 1_000, 1 << 20)).ToList();
        // Assigned by hand (no group): the lease stores offsets in the client as after a real assignment.
        _handle.Assign(leases.Select(l => new TopicPartitionOffset(l.Partition, Offset.Beginning)));
        var sent = new Dictionary<string, List<string>>();
        var start = DateTimeOffset.UtcNow;
        for (var offset = 0; offset < 200; offset++)
        {
            foreach (var lease in leases)
            {
                var partition = lease.Partition.Partition.Value;
                var user = $"p{partition}-u{offset % 5}";
                var envelope = TrackEnvelope.Of(user, "a-" + user, $"Step {offset}") with { Timestamp = start.AddMilliseconds(offset) };
                var poison = partition == 1 && offset == 77;
                var value = poison ? Encoding.UTF8.GetBytes("{not json") : EventEnvelopeSerializer.Serialize(envelope);
                if (!poison)
                {
                    (sent.TryGetValue(user, out var names) ? names : sent[user] = []).Add(envelope.Event!);
                }

                var raw = new RawRecord(Topics.Events.Name, partition, offset, Encoding.UTF8.GetBytes("acme/" + user), value, TestRecords.Headers());
                Assert.True(lease.Offer(new ConsumedRecord(raw, lease, value.Length)));
            }
        }

        using var stopped = new CancellationTokenSource();
        var done = ProcessorTopology.Build(
                Akka.Streams.Dsl.Source.From(leases), new RecordDecoder(store), committer, new OffsetCommitter(deadLetters, metrics, []), options, stopped.Token)
            .Run(_system.Materializer());
        // Revocation: each sub-stream completes after what it holds, and End returns once that is committed and stored.
        Assert.All(leases, lease => Assert.True(lease.End(TimeSpan.FromSeconds(60), CancellationToken.None)));
        await done.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(leases, lease => Assert.Equal(199, lease.StoredOffset));
        Assert.Equal(599, store.Timeline.Count);
        foreach (var (user, names) in sent)
        {
            var profile = store.ProfileBy(Identity.IdentifierKind.UserId, user)!;
            var applied = store.Timeline.Values.Where(t => t.ProfileId == profile.Id).OrderBy(t => t.Timestamp).Select(t => t.Name);
            Assert.Equal(names, applied);
            Assert.Equal(names.Count, store.StreamVersions[profile.Id]);
        }

        var letter = ConsumeOneDeadLetter();
        Assert.Equal("decode", letter.Stage);
        Assert.Equal("1/77", letter.Origin);
    }

    private (string Stage, string Origin) ConsumeOneDeadLetter()
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(
            KafkaClientConfigs.Consumer(_kafka.Servers, "dlq-reader-" + Guid.NewGuid(), "dlq-reader")).Build();
        consumer.Subscribe(Topics.DeadLetter.Name);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } record)
            {
                string Header(string name) => Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
                return (Header(DeadLetterHeaders.Stage), $"{Header(DeadLetterHeaders.Partition)}/{Header(DeadLetterHeaders.Offset)}");
            }
        }

        throw new TimeoutException("no dead letter within 60 s");
    }
}
