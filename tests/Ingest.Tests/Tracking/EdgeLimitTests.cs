using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Streaming.Ingest.Tests.Support;
using Streaming.Platform.Contracts;

namespace Streaming.Ingest.Tests.Tracking;

/// <summary>
/// The limits of the edge (docs/ingest.md, "Limits"): what the store cannot hold is refused with
/// 400 naming the field and nothing produced; the values right at each limit are accepted.
/// </summary>
public sealed class EdgeLimitTests(IngestHost host) : IClassFixture<IngestHost>
{
    private static readonly string Long1025 = new('x', 1025);
    private static readonly string Long1024 = new('x', 1024);

    [Theory]
    [InlineData("""{"userId":"u1","event":"E","properties":{"name":"\ud800"}}""", "properties.name", "lone UTF-16 surrogate")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"name":"\udc00x"}}""", "properties.name", "lone UTF-16 surrogate")]
    [InlineData("""{"userId":"\ud800","event":"E"}""", "userId", "lone UTF-16 surrogate")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"\ud800":1}}""", "properties", "a key contains a lone UTF-16 surrogate")]
    [InlineData("""{"userId":"u1","event":"E\u0000"}""", "event", "U+0000")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"a":["ok","x\u0000"]}}""", "properties.a[1]", "U+0000")]
    [InlineData("""{"userId":"u1","event":"E","context":{"a\u0000":1}}""", "context", "a key contains U+0000")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"big":1e1000000}}""", "properties.big", "too large")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"big":1e131072}}""", "properties.big", "too large")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"tiny":1e-16384}}""", "properties.tiny", "digits after the decimal point")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"tiny":1.5e-16383}}""", "properties.tiny", "digits after the decimal point")]
    [InlineData("""{"userId":"u1","userId":"u2","event":"E"}""", "userId", "duplicate key")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"a":1,"b":2,"a":3}}""", "properties.a", "duplicate key")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"a":1,"\u0061":2}}""", "properties.a", "duplicate key")]
    [InlineData("""{"userId":"u1","event":"E","timestamp":"1899-12-31T23:59:59Z"}""", "timestamp", "between 1900-01-01")]
    [InlineData("""{"userId":"u1","event":"E","sentAt":"0001-01-01T00:00:00Z"}""", "sentAt", "between 1900-01-01")]
    [InlineData("""{"userId":"u1","event":"E","timestamp":"9999-12-31T00:00:00Z","sentAt":"1900-01-01T00:00:00Z"}""", "timestamp", "corrected for clock skew")]
    [InlineData("""{"userId":"u1","event":"E","timestamp":"1900-01-01T00:00:00Z","sentAt":"9999-12-31T00:00:00Z"}""", "timestamp", "corrected for clock skew")]
    public Task Input_the_store_cannot_hold_is_refused_with_400_naming_the_field(string json, string field, string reason) =>
        AssertRejected("/v1/track", Encoding.UTF8.GetBytes(json), field, reason);

    [Fact]
    public Task A_bad_value_in_a_batch_item_is_named_by_its_path() =>
        AssertRejected("/v1/batch",
            Encoding.UTF8.GetBytes("""{"batch":[{"type":"track","userId":"u1","event":"E"},{"type":"track","userId":"u1","event":"E","properties":{"x":"\u0000"}}]}"""),
            "batch[1].properties.x", "U+0000");

    [Fact]
    public Task Invalid_utf8_in_a_string_is_refused() =>
        AssertRejected("/v1/track", [.. Json("""{"userId":"u1","event":"E","properties":{"a":"x"""), 0xFF, .. Json("\"}}")], "properties.a", "not valid UTF-8");

    [Theory]
    [InlineData("/v1/track", "messageId", "userId", "u1")]
    [InlineData("/v1/track", "userId", "anonymousId", "a1")]
    [InlineData("/v1/track", "anonymousId", "userId", "u1")]
    [InlineData("/v1/alias", "previousId", "userId", "u1")]
    public Task An_id_over_1024_bytes_is_refused(string path, string field, string otherId, string otherValue) =>
        AssertRejected(path, Json($$$"""{"{{{otherId}}}":"{{{otherValue}}}","event":"E","{{{field}}}":"{{{Long1025}}}"}"""), field, "is 1025 bytes of UTF-8 (at most 1024)");

    [Fact]
    public Task A_user_id_of_3000_bytes_is_refused() =>
        AssertRejected("/v1/track", Json($$$"""{"userId":"{{{new string('u', 3000)}}}","event":"E"}"""), "userId", "is 3000 bytes");

    [Fact]
    public Task Id_length_counts_utf8_bytes_not_characters() =>
        AssertRejected("/v1/track", Json($$$"""{"userId":"{{{new string('é', 513)}}}","event":"E"}"""), "userId", "is 1026 bytes");

    [Fact]
    public Task An_event_name_over_1024_bytes_is_refused() =>
        AssertRejected("/v1/track", Json($$$"""{"userId":"u1","event":"{{{Long1025}}}"}"""), "event", "is 1025 bytes");

    [Fact]
    public Task A_group_id_over_1024_bytes_is_refused() =>
        AssertRejected("/v1/group", Json($$$"""{"userId":"u1","groupId":"{{{Long1025}}}"}"""), "groupId", "is 1025 bytes");

    [Fact]
    public Task A_key_over_1024_bytes_is_refused() =>
        AssertRejected("/v1/identify", Json($$$"""{"userId":"u1","traits":{"{{{Long1025}}}":1}}"""), "traits", "a key is 1025 bytes");

    [Fact]
    public Task An_identifying_trait_over_1024_bytes_is_refused() =>
        AssertRejected("/v1/identify", Json($$$"""{"userId":"u1","traits":{"email":"{{{Long1025}}}@example.com"}}"""), "traits.email", "bytes of UTF-8 (at most 1024)");

    [Theory]
    [InlineData("""{"userId":"u1","event":"E","properties":{"big":1e131071,"tiny":1e-16383,"zero":0e1000000}}""")]
    [InlineData("""{"userId":"u1","event":"E","timestamp":"1969-07-20T20:17:40Z"}""")]
    [InlineData("""{"userId":"u1","event":"E","timestamp":"1900-01-01T00:00:00Z"}""")]
    [InlineData("""{"userId":"u1","event":"E","properties":{"emoji":"\ud83d\ude00","é":"ü"}}""")]
    public async Task Values_at_the_limits_are_accepted(string json)
    {
        var before = host.RecordCount();
        using var response = await host.Http.SendAsync(Post("/v1/track", Encoding.UTF8.GetBytes(json)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, host.RecordCount());
    }

    [Fact]
    public async Task Ids_and_names_of_exactly_1024_bytes_are_accepted()
    {
        var before = host.RecordCount();
        using var response = await host.Http.SendAsync(Post("/v1/track",
            Json($$$"""{"userId":"{{{Long1024}}}","messageId":"{{{Long1024}}}","event":"{{{Long1024}}}","properties":{"{{{Long1024}}}":1}}""")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before + 1, host.RecordCount());
    }

    [Fact]
    public async Task A_historical_timestamp_is_kept_as_sent()
    {
        var id = Guid.NewGuid().ToString();
        using var response = await host.Http.SendAsync(Post("/v1/track",
            Json($$$"""{"userId":"u1","event":"Moon Landing","messageId":"{{{id}}}","timestamp":"1969-07-20T20:17:40Z"}""")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = host.ReadRecords(host.RecordCount()).Single(r => Encoding.UTF8.GetString(r.Message.Value).Contains(id, StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(1969, 7, 20, 20, 17, 40, TimeSpan.Zero), EventEnvelopeSerializer.Deserialize(record.Message.Value).Timestamp);
    }

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    private async Task AssertRejected(string path, byte[] body, string field, string reason)
    {
        var before = host.RecordCount();
        using var response = await host.Http.SendAsync(Post(path, body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        using var error = JsonDocument.Parse(text);
        Assert.False(error.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(field, error.RootElement.GetProperty("field").GetString());
        Assert.Contains(reason, error.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.RecordCount());
    }

    private static HttpRequestMessage Post(string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(IngestHost.WriteKey + ":")));
        return request;
    }
}
