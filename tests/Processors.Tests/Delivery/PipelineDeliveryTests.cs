using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Processors.Topology;
using Streaming.TestSupport;

namespace Streaming.Processors.Tests.Delivery;

public sealed class PipelineDeliveryTests
{
    [Fact]
    public async Task Events_reach_the_store_and_read_models_and_poison_records_go_to_the_dead_letter_topic_with_headers()
    {
        await using var rig = await PipelineRig.CreateAsync();
        await using var app = await rig.StartInProcessAsync($"http://127.0.0.1:{FreePort.Next()}");
        var workload = new Workload(users: 200, seed: 1);
        using var producer = rig.CreateProducer();

        var poison = new List<Message<byte[], byte[]>>
        {
            new() { Key = Encoding.UTF8.GetBytes("acme/u/x"), Value = Encoding.UTF8.GetBytes("{not json") },
            PipelineRig.ToMessage(workload.Next() with { Tenant = "no-such-tenant", MessageId = "poison-tenant" }),
            PipelineRig.ToMessage(workload.Next() with { UserId = "undefined", AnonymousId = "null", MessageId = "poison-junk" }),
        };
        // Rebuild the workload's expectation without the two envelopes used as poison.
        workload = new Workload(users: 200, seed: 1);
        const int Good = 3_000;
        for (var i = 0; i < Good; i++)
        {
            producer.Produce(Topics.Events.Name, PipelineRig.ToMessage(workload.Next()));
            if (i % 1_000 == 0)
            {
                producer.Produce(Topics.Events.Name, poison[i / 1_000]);
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        await Eventually.Until(async () => await rig.ScalarAsync("select count(*) from cdp.profile_timeline") >= Good,
            TimeSpan.FromSeconds(120), "every event in the timeline");

        await ReadModelCheck.AssertExactlyOnceAsync(rig, Good);
        await ReadModelCheck.AssertProfilesMatchAsync(rig, workload);

        var letters = ConsumeDeadLetters(rig, 3);
        Assert.Contains(letters, l => l.Stage == "decode" && l.Reason.StartsWith("not an event envelope", StringComparison.Ordinal));
        Assert.Contains(letters, l => l.Stage == "validate" && l.Reason.Contains("unknown tenant", StringComparison.Ordinal));
        Assert.Contains(letters, l => l.Stage == "validate" && l.Reason.Contains("junk", StringComparison.Ordinal));
        Assert.All(letters, l => Assert.Equal(Topics.Events.Name, l.Topic));
        Assert.All(letters, l => Assert.True(l.Offset >= 0));
        await app.StopAsync();
    }

    [Fact]
    public async Task Export_returns_the_persons_data_and_delete_forgets_them_everywhere()
    {
        await using var rig = await PipelineRig.CreateAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var app = await rig.StartInProcessAsync(url);
        using var producer = rig.CreateProducer();
        var now = DateTimeOffset.UtcNow;
        EventEnvelope Event(string id, string type, string? user, string anon, string? body) => new()
        {
            Tenant = PipelineRig.Tenant, MessageId = id, Type = type, UserId = user, AnonymousId = anon,
            Event = type == EventTypes.Track ? "Order Completed" : null,
            Traits = type == EventTypes.Identify ? JsonDocument.Parse(body!).RootElement.Clone() : null,
            Properties = type == EventTypes.Track ? JsonDocument.Parse(body!).RootElement.Clone() : null,
            Timestamp = now, ReceivedAt = now,
        };
        producer.Produce(Topics.Events.Name, PipelineRig.ToMessage(Event("g1", EventTypes.Track, null, "dev-1", """{"total":42}""")));
        producer.Produce(Topics.Events.Name, PipelineRig.ToMessage(Event("g2", EventTypes.Identify, "gina", "dev-1", """{"email":"gina@example.com","name":"Gina"}""")));
        producer.Produce(Topics.Events.Name, PipelineRig.ToMessage(Event("o1", EventTypes.Identify, "otto", "dev-2", """{"name":"Otto"}""")));
        producer.Flush(TimeSpan.FromSeconds(30));
        await Eventually.Until(async () => await rig.ScalarAsync("select count(*) from cdp.profile_timeline") == 3,
            TimeSpan.FromSeconds(60), "three events applied");
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var key = await Streaming.Platform.Security.Keys.KeyAdmin.CreateSecretKeyAsync(
            rig.Database.DataSource, PipelineRig.Tenant, [Streaming.Platform.Security.Scopes.Privacy], "test", default);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Key);

        using var export = JsonDocument.Parse(await http.GetStringAsync(new Uri("/v1/privacy/email/GINA@example.com", UriKind.Relative)));
        Assert.Equal("Gina", export.RootElement.GetProperty("profile").GetProperty("traits").GetProperty("name").GetString());
        Assert.Equal(2, export.RootElement.GetProperty("timeline").GetArrayLength());
        Assert.True(export.RootElement.GetProperty("events").GetArrayLength() >= 2);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/v1/privacy/userId/nobody", UriKind.Relative))).StatusCode);

        var deleted = await http.DeleteAsync(new Uri("/v1/privacy/userId/gina", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/v1/privacy/anonymousId/dev-1", UriKind.Relative))).StatusCode);
        Assert.Equal(1, await rig.ScalarAsync("select count(*) from cdp.profiles"));
        Assert.Equal(1, await rig.ScalarAsync("select count(*) from cdp.profile_timeline"));
        Assert.Equal(0, await rig.ScalarAsync("select count(*) from cdp.identity_links where value in ('gina', 'dev-1', 'gina@example.com')"));
        Assert.Equal(0, await rig.ScalarAsync("select count(*) from cdp.events where data::text like '%Gina%' or data::text like '%gina%'"));
        Assert.Equal(3, await rig.ScalarAsync("select count(*) from cdp.suppressions"));

        // A late event for the forgotten person does not bring them back; others still flow.
        producer.Produce(Topics.Events.Name, PipelineRig.ToMessage(Event("g3", EventTypes.Track, null, "dev-1", """{"total":1}""")));
        producer.Produce(Topics.Events.Name, PipelineRig.ToMessage(Event("o2", EventTypes.Track, "otto", "dev-2", """{"total":2}""")));
        producer.Flush(TimeSpan.FromSeconds(30));
        await Eventually.Until(async () => await rig.ScalarAsync("select count(*) from cdp.handled_messages where message_id = 'g3'") == 1
                && await rig.ScalarAsync("select count(*) from cdp.profile_timeline where message_id = 'o2'") == 1,
            TimeSpan.FromSeconds(60), "the late events handled");
        Assert.Equal(1, await rig.ScalarAsync("select count(*) from cdp.profiles"));
        await app.StopAsync();
    }

    private static List<(string Stage, string Reason, string Topic, long Offset)> ConsumeDeadLetters(PipelineRig rig, int count)
    {
        var config = KafkaClientConfigs.Consumer(rig.Broker.BootstrapServers, "dlq-reader-" + Guid.NewGuid(), "dlq-reader");
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe(Topics.DeadLetter.Name);
        var letters = new List<(string, string, string, long)>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (letters.Count < count && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null)
            {
                continue;
            }

            string Header(string name) => Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
            letters.Add((Header(DeadLetterHeaders.Stage), Header(DeadLetterHeaders.Reason), Header(DeadLetterHeaders.Topic),
                long.Parse(Header(DeadLetterHeaders.Offset), System.Globalization.CultureInfo.InvariantCulture)));
        }

        consumer.Close();
        Assert.Equal(count, letters.Count);
        return letters;
    }
}
