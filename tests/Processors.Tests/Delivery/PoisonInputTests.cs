using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Backpressure;
using Streaming.Processors.Topology;
using Streaming.TestSupport;
using Xunit.Abstractions;

namespace Streaming.Processors.Tests.Delivery;

/// <summary>
/// Every input that once stopped a partition, tried from outside as a user would: through HTTP
/// (400 naming the field, nothing produced) and produced straight to Kafka with the key of normal
/// traffic, followed by 100 normal events on the same partition. Those 100 and events on another
/// partition are stored within 30 s, the poison record is on the dead-letter topic with its
/// reason, and ingest never throttles. A historical (pre-1970) event is valid and stored.
/// </summary>
public sealed class PoisonInputTests(PoisonInputTests.Pipeline pipeline, ITestOutputHelper output) : IClassFixture<PoisonInputTests.Pipeline>
{
    private const int Followers = 100;
    private static readonly TimeSpan Visible = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A poison input: the envelope members after its type (<c>{user}</c> is the round's user),
    /// the field the edge names, and what the dead letter's reason says. <paramref name="KafkaMembers"/>
    /// replaces the members on Kafka where the edge's check has no envelope equivalent.
    /// </summary>
    public sealed record Poison(string Name, string Members, string Field, string HttpReason, string DeadLetterReason, string? KafkaMembers = null);

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    private static readonly string Long = new('x', 3000);

    private static readonly Poison[] Cases =
    [
        new("lone surrogate in properties", """ "userId":"{user}","event":"E","properties":{"name":"\ud800"}""",
            "properties.name", "lone UTF-16 surrogate", "properties.name: contains a lone UTF-16 surrogate"),
        new("lone surrogate in an id", """ "userId":"{user}","anonymousId":"\ud800","event":"E" """,
            "anonymousId", "lone UTF-16 surrogate", "anonymousId: contains a lone UTF-16 surrogate"),
        new("U+0000 in a property", """ "userId":"{user}","event":"E","properties":{"a":"x\u0000y"}""",
            "properties.a", "U+0000", "properties.a: contains U+0000"),
        new("U+0000 in a property key", """ "userId":"{user}","event":"E","properties":{"a\u0000":1}""",
            "properties", "a key contains U+0000", "properties: a key contains U+0000"),
        new("U+0000 in the event name", """ "userId":"{user}","event":"Signed\u0000Up" """,
            "event", "U+0000", "event: contains U+0000"),
        new("a number beyond PostgreSQL numeric", """ "userId":"{user}","event":"E","properties":{"big":1e1000000}""",
            "properties.big", "too large", "properties.big: is too large"),
        new("a messageId of 3,000 bytes", $$$""" "userId":"{user}","event":"E","messageId":"{{{Long}}}" """,
            "messageId", "is 3000 bytes", "messageId: is 3000 bytes"),
        new("a userId of 3,000 bytes", $$$""" "anonymousId":"{user}","userId":"{{{Long}}}","event":"E" """,
            "userId", "is 3000 bytes", "userId: is 3000 bytes"),
        new("an email trait of 3,000 bytes", $$$""" "userId":"{user}","traits":{"email":"{{{Long}}}@example.com"},"event":"E" """,
            "traits.email", "bytes of UTF-8", "traits.email: is 3012 bytes"),
        new("duplicate JSON keys", """ "userId":"{user}","event":"E","properties":{"a":1,"a":2}""",
            "properties.a", "duplicate key", "properties.a: is a duplicate key"),
        new("an extreme timestamp and sentAt", """ "userId":"{user}","event":"E","timestamp":"9999-12-31T00:00:00Z","sentAt":"1900-01-01T00:00:00Z" """,
            "timestamp", "corrected for clock skew", "timestamp: must be between 1900-01-01",
            KafkaMembers: """ "userId":"{user}","event":"E","timestamp":"0001-01-01T00:00:00Z" """),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Poison_input_is_refused_at_the_edge_and_dead_lettered_from_kafka_without_stalling_any_partition(string name)
    {
        var poison = Cases.Single(c => c.Name == name);
        var user = "poison-" + Guid.NewGuid().ToString("N")[..8];

        // Through HTTP: 400 naming the field, nothing produced.
        var before = pipeline.Rig.EventRecordCount();
        using (var response = await pipeline.PostAsync("/v1/track", "{" + poison.Members.Replace("{user}", user, StringComparison.Ordinal) + "}"))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
            using var error = JsonDocument.Parse(body);
            Assert.Equal(poison.Field, error.RootElement.GetProperty("field").GetString());
            Assert.Contains(poison.HttpReason, error.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, pipeline.Rig.EventRecordCount());

        // Straight to Kafka with the key of the user's normal traffic, then that traffic.
        var members = (poison.KafkaMembers ?? poison.Members).Replace("{user}", user, StringComparison.Ordinal);
        var delivered = await pipeline.ProduceAsync(user, Encoding.UTF8.GetBytes(Envelope(members)));
        var expected = new List<string>();
        for (var i = 0; i < Followers; i++)
        {
            var follower = await pipeline.ProduceAsync(user, Track(user, out var id));
            Assert.Equal(delivered.Partition, follower.Partition);
            expected.Add(id);
        }

        // Traffic of another partition, through the edge: answered 200 (never 503), stored too.
        Assert.Equal(Pipeline.PartitionOf(user), delivered.Partition.Value); // the edge's partitioner, as computed below
        var other = Pipeline.UserOnAnotherPartition(delivered.Partition.Value);
        expected.AddRange(await pipeline.SendBatchAsync(other, 20));

        await Eventually.Until(async () => await pipeline.StoredAsync(expected) == expected.Count, Visible,
            $"the {Followers} events after \"{name}\" and the other partition's 20 to be stored");
        var letter = await pipeline.DeadLetterAsync(delivered.Partition.Value, delivered.Offset.Value);
        output.WriteLine($"{name}: dead-lettered by {letter.Stage}: {letter.Reason}");
        Assert.StartsWith(poison.DeadLetterReason, letter.Reason, StringComparison.Ordinal);
        Assert.False(pipeline.Lag.ShouldThrottle, "ingest would throttle");
    }

    [Fact]
    public async Task A_historical_event_before_1970_for_a_new_profile_is_accepted_and_stored()
    {
        var user = "historian-" + Guid.NewGuid().ToString("N")[..8];
        var viaHttp = Guid.NewGuid().ToString();
        using (var response = await pipeline.PostAsync("/v1/track",
            $$"""{"userId":"{{user}}-http","messageId":"{{viaHttp}}","event":"Moon Landing","timestamp":"1969-07-20T20:17:40Z"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var viaKafka = Guid.NewGuid().ToString();
        await pipeline.ProduceAsync(user, Encoding.UTF8.GetBytes(Envelope(
            $$""" "userId":"{{user}}","event":"Census","messageId":"{{viaKafka}}","timestamp":"1900-01-01T00:00:00Z" """)));

        await Eventually.Until(async () => await pipeline.StoredAsync([viaHttp, viaKafka]) == 2, Visible, "both historical events stored");
        Assert.Equal(1, await pipeline.Rig.ScalarAsync(
            $"select count(*) from cdp.profile_timeline where message_id = '{viaHttp}' and occurred_at = '1969-07-20T20:17:40Z'"));
        Assert.Equal(1, await pipeline.Rig.ScalarAsync(
            $"select count(*) from cdp.profiles p join cdp.identity_links l on l.profile_id = p.id where l.value = '{user}' and p.first_seen = '1900-01-01T00:00:00Z'"));
    }

    /// <summary>A record value: the envelope's fixed members around <paramref name="members"/> (a messageId is added unless given).</summary>
    private static string Envelope(string members)
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var messageId = members.Contains("\"messageId\"", StringComparison.Ordinal) ? "" : $"\"messageId\":\"{Guid.NewGuid()}\",";
        var timestamp = members.Contains("\"timestamp\"", StringComparison.Ordinal) ? "" : $",\"timestamp\":\"{now}\"";
        return $$"""{"v":1,"tenant":"{{PipelineRig.Tenant}}",{{messageId}}"type":"track",{{members}}{{timestamp}},"receivedAt":"{{now}}"}""";
    }

    private static byte[] Track(string user, out string messageId)
    {
        messageId = Guid.NewGuid().ToString();
        return Encoding.UTF8.GetBytes(Envelope($$""" "userId":"{{user}}","event":"Product Viewed","messageId":"{{messageId}}","properties":{"n":1}"""));
    }

    /// <summary>The rig, the processors and ingest in this process, shared by the cases (each uses users of its own).</summary>
    public sealed class Pipeline : IAsyncLifetime
    {
        private readonly HttpClient _http = new();
        private WebApplication _processors = null!;
        private IngestEdge _ingest = null!;
        private IProducer<byte[], byte[]> _producer = null!;
        private IConsumer<byte[]?, byte[]?> _deadLetters = null!;
        private readonly List<(int Partition, long Offset, string Stage, string Reason)> _letters = [];

        public PipelineRig Rig { get; private set; } = null!;

        public ConsumerLagMonitor Lag => _processors.Services.GetRequiredService<ConsumerLagMonitor>();

        public async Task InitializeAsync()
        {
            Rig = await PipelineRig.CreateAsync();
            _ingest = await IngestEdge.StartAsync(Rig);
            _processors = await Rig.StartInProcessAsync($"http://127.0.0.1:{FreePort.Next()}");
            _http.BaseAddress = _ingest.BaseAddress;
            _producer = Rig.CreateProducer();
            _deadLetters = new ConsumerBuilder<byte[]?, byte[]?>(
                KafkaClientConfigs.Consumer(Rig.Broker.BootstrapServers, "dlq-reader-" + Guid.NewGuid(), "dlq-reader")).Build();
            _deadLetters.Subscribe(Topics.DeadLetter.Name);
        }

        public async Task DisposeAsync()
        {
            _deadLetters.Close();
            _deadLetters.Dispose();
            _producer.Dispose();
            _http.Dispose();
            await _processors.StopAsync();
            await _processors.DisposeAsync();
            await _ingest.DisposeAsync();
            await Rig.DisposeAsync();
        }

        public async Task<HttpResponseMessage> PostAsync(string path, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(IngestEdge.WriteKey + ":")));
            return await _http.SendAsync(request);
        }

        /// <summary>Produces as a direct producer does: the user's key and the contract's headers.</summary>
        public async Task<DeliveryResult<byte[], byte[]>> ProduceAsync(string user, byte[] value)
        {
            var messageId = Guid.NewGuid().ToString();
            return await _producer.ProduceAsync(Topics.Events.Name, new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes(EventKey.For(PipelineRig.Tenant, user, null)),
                Value = value,
                Headers = new Headers
                {
                    { EventHeaders.WriteKey, Encoding.UTF8.GetBytes(IngestEdge.WriteKey) },
                    { EventHeaders.CeId, Encoding.UTF8.GetBytes(messageId) },
                    { EventHeaders.CeType, Encoding.UTF8.GetBytes(EventHeaders.CeTypePrefix + EventTypes.Track) },
                },
            });
        }

        /// <summary>A user whose key the producer's partitioner (murmur2, as ingest's) puts on another partition.</summary>
        public static string UserOnAnotherPartition(int partition)
        {
            while (true)
            {
                var user = $"other-{Guid.NewGuid():N}";
                if (PartitionOf(user) != partition)
                {
                    return user;
                }
            }
        }

        public static int PartitionOf(string user) =>
            Murmur2Partition(Encoding.UTF8.GetBytes(EventKey.For(PipelineRig.Tenant, user, null)), Topics.Events.Partitions);

        /// <summary>Sends a batch of track calls for <paramref name="user"/> through the edge; it must be answered 200.</summary>
        public async Task<List<string>> SendBatchAsync(string user, int count)
        {
            var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString()).ToList();
            var items = string.Join(",", ids.Select(id => $$"""{"type":"track","userId":"{{user}}","event":"Page Viewed","messageId":"{{id}}"}"""));
            using var response = await PostAsync("/v1/batch", $$"""{"batch":[{{items}}]}""");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"the edge answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return ids;
        }

        public async Task<long> StoredAsync(IReadOnlyCollection<string> messageIds)
        {
            await using var command = Rig.Database.DataSource.CreateCommand("select count(*) from cdp.profile_timeline where message_id = any($1)");
            command.Parameters.Add(new Npgsql.NpgsqlParameter<string[]> { TypedValue = [.. messageIds] });
            return (long)(await command.ExecuteScalarAsync())!;
        }

        /// <summary>The dead letter of the record at (partition, offset) of the events topic.</summary>
        public async Task<(string Stage, string Reason)> DeadLetterAsync(int partition, long offset)
        {
            var deadline = DateTime.UtcNow + Visible;
            while (DateTime.UtcNow < deadline)
            {
                var found = _letters.FirstOrDefault(l => l.Partition == partition && l.Offset == offset);
                if (found.Reason is not null)
                {
                    return (found.Stage, found.Reason);
                }

                var record = await Task.Run(() => _deadLetters.Consume(TimeSpan.FromMilliseconds(500)));
                if (record?.Message is { } message)
                {
                    string Header(string name) => Encoding.UTF8.GetString(message.Headers.GetLastBytes(name));
                    _letters.Add((int.Parse(Header(DeadLetterHeaders.Partition), CultureInfo.InvariantCulture),
                        long.Parse(Header(DeadLetterHeaders.Offset), CultureInfo.InvariantCulture),
                        Header(DeadLetterHeaders.Stage), Header(DeadLetterHeaders.Reason)));
                }
            }

            throw new TimeoutException($"no dead letter for partition {partition} offset {offset} within {Visible.TotalSeconds} s");
        }

        /// <summary>Kafka's default partitioner (murmur2 of the key, as the Java client and librdkafka's murmur2_random compute it).</summary>
        private static int Murmur2Partition(byte[] key, int partitions)
        {
            const uint m = 0x5bd1e995;
            const int r = 24;
            var length = key.Length;
            var h = 0x9747b28c ^ (uint)length;
            var i = 0;
            for (; i + 4 <= length; i += 4)
            {
                var k = BitConverter.ToUInt32(key, i);
                k *= m;
                k ^= k >> r;
                k *= m;
                h *= m;
                h ^= k;
            }

            switch (length - i)
            {
                case 3:
                    h ^= (uint)key[i + 2] << 16;
                    goto case 2;
                case 2:
                    h ^= (uint)key[i + 1] << 8;
                    goto case 1;
                case 1:
                    h ^= key[i];
                    h *= m;
                    break;
            }

            h ^= h >> 13;
            h *= m;
            h ^= h >> 15;
            return (int)((h & 0x7fffffff) % (uint)partitions);
        }
    }
}
