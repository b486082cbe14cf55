using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Streaming.Ingest.Tests.Support;
using Streaming.Platform.Contracts;

namespace Streaming.Ingest.Tests.Tracking;

/// <summary>What an accepted request puts on Kafka: the envelope, its key and headers, the semantics clients rely on.</summary>
public sealed class AcceptedEventTests(IngestHost host) : IClassFixture<IngestHost>
{
    [Fact]
    public async Task A_track_call_becomes_one_envelope_with_key_and_headers()
    {
        var id = Guid.NewGuid().ToString();
        using var response = await host.Http.SendAsync(Requests.Post("/v1/track",
            $$$"""{"userId":"user-7","anonymousId":"anon-7","event":"Order Completed","messageId":"{{{id}}}","properties":{"total":12.5,"sku":["a"]},"context":{"ip":"1.2.3.4"},"integrations":{"All":true}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true}""", await response.Content.ReadAsStringAsync());

        var record = Find(id);
        var envelope = EventEnvelopeSerializer.Deserialize(record.Message.Value);
        Assert.Equal(IngestHost.Tenant, envelope.Tenant);
        Assert.Equal(EventTypes.Track, envelope.Type);
        Assert.Equal("Order Completed", envelope.Event);
        Assert.Equal("user-7", envelope.UserId);
        Assert.Equal("anon-7", envelope.AnonymousId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"total":12.5,"sku":["a"]}"""), JsonNode.Parse(envelope.Properties!.Value.GetRawText())));
        Assert.Equal("1.2.3.4", envelope.Context!.Value.GetProperty("ip").GetString());
        Assert.True(envelope.Integrations!.Value.GetProperty("All").GetBoolean());
        Assert.Equal("acme/u/user-7", Encoding.UTF8.GetString(record.Message.Key));
        Assert.Equal(IngestHost.WriteKey, Header(record, EventHeaders.WriteKey));
        Assert.Equal(id, Header(record, EventHeaders.CeId));
        Assert.Equal("cdp.event.track", Header(record, EventHeaders.CeType));
        Assert.Equal(4, record.Message.Headers.Count);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", Header(record, EventHeaders.TraceParent));
    }

    [Fact]
    public async Task The_callers_traceparent_is_continued()
    {
        var id = Guid.NewGuid().ToString();
        using var request = Requests.Post("/v1/identify", $$$"""{"anonymousId":"a1","messageId":"{{{id}}}","traits":{"plan":"pro"}}""");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var record = Find(id);
        Assert.StartsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-", Header(record, EventHeaders.TraceParent), StringComparison.Ordinal);
        Assert.Equal("acme/a/a1", Encoding.UTF8.GetString(record.Message.Key));
    }

    [Fact]
    public async Task A_gzip_body_with_the_write_key_in_the_body_is_accepted()
    {
        var id = Guid.NewGuid().ToString();
        using var response = await host.Http.SendAsync(Requests.Post("/v1/page",
            $$"""{"writeKey":"{{IngestHost.WriteKey}}","anonymousId":"a2","name":"Pricing","category":"Docs","messageId":"{{id}}"}""", writeKey: null, gzip: true));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var envelope = EventEnvelopeSerializer.Deserialize(Find(id).Message.Value);
        Assert.Equal(EventTypes.Page, envelope.Type);
        Assert.Equal("Pricing", envelope.Name);
        Assert.Equal("Docs", envelope.Category);
    }

    [Fact]
    public async Task Timestamps_are_corrected_for_client_clock_skew()
    {
        // The client's clock is a day ahead; the event happened 5 s before the client sent it.
        var id = Guid.NewGuid().ToString();
        var sentAt = DateTimeOffset.UtcNow.AddDays(1);
        var timestamp = sentAt.AddSeconds(-5);
        var before = DateTimeOffset.UtcNow;
        using var response = await host.Http.SendAsync(Requests.Post("/v1/track",
            $$"""{"userId":"u1","event":"E","messageId":"{{id}}","timestamp":"{{timestamp:O}}","sentAt":"{{sentAt:O}}"}"""));
        var after = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var envelope = EventEnvelopeSerializer.Deserialize(Find(id).Message.Value);
        Assert.InRange(envelope.ReceivedAt, before.AddMilliseconds(-1), after.AddMilliseconds(1));
        Assert.Equal(envelope.ReceivedAt - TimeSpan.FromSeconds(5), envelope.Timestamp);
        Assert.Equal(timestamp, envelope.OriginalTimestamp);
        Assert.Equal(sentAt, envelope.SentAt);
    }

    [Fact]
    public async Task A_batch_merges_its_context_into_each_item_and_generates_missing_message_ids()
    {
        var marker = Guid.NewGuid().ToString("N");
        var json = $$$"""
            {"context":{"library":{"name":"outer"},"app":"shop"},"integrations":{"All":false},"sentAt":"2030-01-01T00:00:10Z",
             "batch":[
               {"type":"track","userId":"{{{marker}}}","event":"A","timestamp":"2030-01-01T00:00:00Z"},
               {"type":"group","userId":"{{{marker}}}","groupId":"g1","traits":{"n":1},"context":{"app":"inner","locale":"de"}},
               {"type":"alias","userId":"{{{marker}}}","previousId":"old-{{{marker}}}","integrations":{"Mixpanel":true}}
             ]}
            """;
        using var response = await host.Http.SendAsync(Requests.Post("/v1/batch", json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var envelopes = Await(r => r.UserId == marker, 3);
        var track = envelopes.Single(e => e.Type == EventTypes.Track);
        var group = envelopes.Single(e => e.Type == EventTypes.Group);
        var alias = envelopes.Single(e => e.Type == EventTypes.Alias);
        Assert.Equal(3, envelopes.Select(e => e.MessageId).Distinct().Count());
        Assert.All(envelopes, e => Assert.True(Guid.TryParse(e.MessageId, out _)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"library":{"name":"outer"},"app":"shop"}"""), JsonNode.Parse(track.Context!.Value.GetRawText())));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"library":{"name":"outer"},"app":"inner","locale":"de"}"""), JsonNode.Parse(group.Context!.Value.GetRawText())));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"All":false,"Mixpanel":true}"""), JsonNode.Parse(alias.Integrations!.Value.GetRawText())));
        Assert.Equal("g1", group.GroupId);
        Assert.Equal("old-" + marker, alias.PreviousId);
        Assert.Equal(track.ReceivedAt - TimeSpan.FromSeconds(10), track.Timestamp);
        Assert.Equal(group.ReceivedAt, group.Timestamp);
    }

    private ConsumeResult<byte[], byte[]> Find(string messageId)
    {
        ConsumeResult<byte[], byte[]>? found = null;
        Streaming.TestSupport.Eventually.Until(() =>
        {
            found = host.ReadRecords(host.RecordCount(), TimeSpan.FromSeconds(20))
                .FirstOrDefault(r => Header(r, EventHeaders.CeId) == messageId);
            return found is not null;
        }, TimeSpan.FromSeconds(30), "record " + messageId).GetAwaiter().GetResult();
        return found!;
    }

    private List<EventEnvelope> Await(Func<EventEnvelope, bool> match, int count)
    {
        List<EventEnvelope> found = [];
        Streaming.TestSupport.Eventually.Until(() =>
        {
            found = host.ReadRecords(host.RecordCount(), TimeSpan.FromSeconds(20))
                .Select(r => EventEnvelopeSerializer.Deserialize(r.Message.Value)).Where(match).ToList();
            return found.Count >= count;
        }, TimeSpan.FromSeconds(30), $"{count} records").GetAwaiter().GetResult();
        return found;
    }

    internal static string? Header(ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
