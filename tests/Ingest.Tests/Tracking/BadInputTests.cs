using System.Net;
using System.Text.Json;
using Streaming.Ingest.Tenants;
using Streaming.Ingest.Tests.Support;

namespace Streaming.Ingest.Tests.Tracking;

/// <summary>Every bad-input rule: its status, an error body naming the field and reason, and nothing on Kafka.</summary>
public sealed class BadInputTests(IngestHost host) : IClassFixture<IngestHost>
{
    private const string ValidTrack = """{"userId":"u1","event":"Signed Up"}""";

    [Fact]
    public Task Malformed_json_is_rejected_with_400() =>
        AssertRejected("/v1/track", """{"userId":"u1","event":""", HttpStatusCode.BadRequest, "body", "malformed JSON");

    [Fact]
    public Task A_body_that_is_not_an_object_is_rejected_with_400() =>
        AssertRejected("/v1/track", "[1,2]", HttpStatusCode.BadRequest, "body", "must be a JSON object");

    [Fact]
    public Task A_user_id_of_the_wrong_type_is_rejected_with_400() =>
        AssertRejected("/v1/track", """{"userId":{"id":1},"event":"E"}""", HttpStatusCode.BadRequest, "userId", "must be a string");

    [Fact]
    public Task Properties_that_are_not_an_object_are_rejected_with_400() =>
        AssertRejected("/v1/track", """{"userId":"u1","event":"E","properties":[1]}""", HttpStatusCode.BadRequest, "properties", "must be a JSON object");

    [Fact]
    public Task A_timestamp_that_is_not_a_date_is_rejected_with_400() =>
        AssertRejected("/v1/track", """{"userId":"u1","event":"E","timestamp":"yesterday"}""", HttpStatusCode.BadRequest, "timestamp", "ISO 8601");

    [Fact]
    public Task An_event_without_user_id_or_anonymous_id_is_rejected_with_400() =>
        AssertRejected("/v1/identify", """{"traits":{"email":"a@b.c"}}""", HttpStatusCode.BadRequest, "userId", "userId or anonymousId is required");

    [Fact]
    public Task A_track_without_an_event_name_is_rejected_with_400() =>
        AssertRejected("/v1/track", """{"userId":"u1"}""", HttpStatusCode.BadRequest, "event", "is required for track");

    [Fact]
    public Task A_batch_item_of_unknown_type_is_rejected_with_400() =>
        AssertRejected("/v1/batch", """{"batch":[{"type":"track","userId":"u1","event":"E"},{"type":"purchase","userId":"u1"}]}""",
            HttpStatusCode.BadRequest, "batch[1].type", "unknown type \"purchase\"");

    [Fact]
    public Task A_batch_with_one_bad_item_is_rejected_whole() =>
        AssertRejected("/v1/batch", """{"batch":[{"type":"track","userId":"u1","event":"E"},{"type":"identify","userId":"u2"},{"type":"alias","userId":"u3"}]}""",
            HttpStatusCode.BadRequest, "batch[2].previousId", "is required for alias");

    [Fact]
    public Task A_batch_without_a_batch_array_is_rejected_with_400() =>
        AssertRejected("/v1/batch", """{"batch":{"type":"track"}}""", HttpStatusCode.BadRequest, "batch", "must be an array");

    [Fact]
    public Task An_unknown_write_key_is_rejected_with_401() =>
        AssertRejected("/v1/track", ValidTrack, HttpStatusCode.Unauthorized, "writeKey", "unknown or revoked", writeKey: "wk_nobody");

    [Fact]
    public Task A_missing_write_key_is_rejected_with_401() =>
        AssertRejected("/v1/track", ValidTrack, HttpStatusCode.Unauthorized, "writeKey", "a write key is required", writeKey: null);

    [Fact]
    public Task An_unknown_write_key_in_the_body_is_rejected_with_401() =>
        AssertRejected("/v1/track", """{"writeKey":"wk_nobody","userId":"u1","event":"E"}""", HttpStatusCode.Unauthorized, "writeKey", "unknown or revoked", writeKey: null);

    [Fact]
    public Task An_event_over_32_kb_is_rejected_with_413() =>
        AssertRejected("/v1/track", $$$"""{"userId":"u1","event":"E","properties":{"blob":"{{{new string('x', 33 * 1024)}}}"}}""",
            HttpStatusCode.RequestEntityTooLarge, "body", "exceeds 32768 bytes");

    [Fact]
    public Task A_batch_item_over_32_kb_is_rejected_with_413() =>
        AssertRejected("/v1/batch", $$$"""{"batch":[{"type":"track","userId":"u1","event":"E"},{"type":"track","userId":"u1","event":"E","properties":{"blob":"{{{new string('x', 33 * 1024)}}}"}}]}""",
            HttpStatusCode.RequestEntityTooLarge, "batch[1]", "exceeds 32768 bytes");

    [Fact]
    public Task A_batch_over_500_kb_is_rejected_with_413()
    {
        var item = $$$"""{"type":"track","userId":"u1","event":"E","properties":{"blob":"{{{new string('x', 20 * 1024)}}}"}}""";
        return AssertRejected("/v1/batch", "{\"batch\":[" + string.Join(",", Enumerable.Repeat(item, 30)) + "]}",
            HttpStatusCode.RequestEntityTooLarge, "body", "exceeds 512000 bytes");
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_at_the_batch_limit()
    {
        var item = $$$"""{"type":"track","userId":"u1","event":"E","properties":{"blob":"{{{new string('x', 30 * 1024)}}}"}}""";
        var json = "{\"batch\":[" + string.Join(",", Enumerable.Repeat(item, 200)) + "]}";
        await AssertRejected("/v1/batch", json, HttpStatusCode.RequestEntityTooLarge, "body", "exceeds 512000 bytes", gzip: true);
    }

    [Fact]
    public async Task A_revoked_write_key_stops_working_within_seconds()
    {
        const string key = "wk_acme_revoke_me";
        await TenantAdmin.AddWriteKeyAsync(host.Database.DataSource, IngestHost.Tenant, key, default);
        await Streaming.TestSupport.Eventually.Until(async () =>
        {
            using var response = await host.Http.SendAsync(Requests.Post("/v1/track", ValidTrack, key));
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(20), "the new key to be accepted");

        await TenantAdmin.RevokeWriteKeyAsync(host.Database.DataSource, key, default);
        await Streaming.TestSupport.Eventually.Until(async () =>
        {
            using var response = await host.Http.SendAsync(Requests.Post("/v1/track", ValidTrack, key));
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(20), "the revoked key to be refused");

        await AssertRejected("/v1/track", ValidTrack, HttpStatusCode.Unauthorized, "writeKey", "unknown or revoked", writeKey: key);
    }

    private async Task AssertRejected(
        string path, string json, HttpStatusCode status, string field, string reason, string? writeKey = IngestHost.WriteKey, bool gzip = false)
    {
        var before = host.RecordCount();
        using var response = await host.Http.SendAsync(Requests.Post(path, json, writeKey, gzip));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        using var error = JsonDocument.Parse(body);
        Assert.False(error.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(field, error.RootElement.GetProperty("field").GetString());
        Assert.Contains(reason, error.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.RecordCount());
    }
}
