using System.Text;
using System.Text.Json;
using Streaming.Platform.Contracts;
using Streaming.Platform.Contracts.Limits;

namespace Streaming.Ingest.Tests.Contracts;

/// <summary>The shared limits themselves, without a server: the edge and the processors both apply them.</summary>
public sealed class EnvelopeLimitsTests
{
    [Theory]
    [InlineData("""{"a":"plain","b":"esc\"aped\n","c":"\ud83d\ude00","d":[1,-2.5e3,0.000,true,null],"\u00e9":{}}""")]
    [InlineData("""{"n":1e131071,"m":-9.99e131071,"s":1e-16383,"z":0e1000000,"w":0.00001e131076}""")]
    [InlineData("""[{"a":1},{"a":2}]""")]
    public void Valid_json_passes(string json) => Assert.Null(JsonTextRules.Check(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"a":{"b":[1,{"c":"\ud800"}]}}""", "a.b[1].c", "lone")]
    [InlineData("""{"a":"\ud800\ud800"}""", "a", "lone")]
    [InlineData("""{"a":"\ude00\ud83d"}""", "a", "lone")]
    [InlineData("""{"a":"x\u0000"}""", "a", "U+0000")]
    [InlineData("""{"a":{"k\u0000":1}}""", "a", "a key contains U+0000")]
    [InlineData("""{"a":1e131072}""", "a", "too large")]
    [InlineData("""{"a":123.456e-16381}""", "a", "16384 digits after")]
    [InlineData("""{"a":0e-16384}""", "a", "digits after")]
    [InlineData("""{"a":1e99999999999999999999}""", "a", "too large")]
    [InlineData("""{"o":{"x":1},"o":{"x":1}}""", "o", "duplicate")]
    [InlineData("""[{"a":1,"a":2}]""", "[0].a", "duplicate")]
    public void Each_violation_is_named_by_its_path(string json, string field, string reason)
    {
        var violation = JsonTextRules.Check(Encoding.UTF8.GetBytes(json));
        Assert.NotNull(violation);
        Assert.Equal(field, violation.Field);
        Assert.Contains(reason, violation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_in_an_object_of_many_keys_are_found_without_a_quadratic_scan()
    {
        var keys = string.Join(",", Enumerable.Range(0, 50_000).Select(i => $"\"k{i}\":{i}"));
        Assert.Null(JsonTextRules.Check(Encoding.UTF8.GetBytes("{" + keys + "}")));
        var violation = JsonTextRules.Check(Encoding.UTF8.GetBytes("{" + keys + ",\"k7\":0}"));
        Assert.Equal("k7", violation?.Field);
    }

    [Fact]
    public void Keys_of_sibling_objects_do_not_collide()
    {
        var json = "{\"a\":{" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"k{i}\":1")) + "},\"b\":{\"k1\":1,\"a\":2}}";
        Assert.Null(JsonTextRules.Check(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Malformed_json_throws_a_json_exception() =>
        Assert.ThrowsAny<JsonException>(() => JsonTextRules.Check("""{"a":"""u8));

    [Fact]
    public void Nesting_deeper_than_the_limit_throws_a_json_exception() =>
        Assert.ThrowsAny<JsonException>(() => JsonTextRules.Check(Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65))));

    [Theory]
    [InlineData(null, null)]
    [InlineData("ok", null)]
    [InlineData("a\0b", "U+0000")]
    [InlineData("\ud83d\ude00", null)]
    public void Text_rules_refuse_nul_and_lone_surrogates(string? value, string? reason)
    {
        var actual = TextRules.Check(value, 1024);
        if (reason is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Contains(reason, actual, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Text_rules_refuse_a_lone_surrogate_anywhere()
    {
        // Built in code: a theory's data would be re-encoded (a lone surrogate becomes U+FFFD).
        Assert.Contains("lone", TextRules.Check(new string([(char)0xD800]), 1024), StringComparison.Ordinal);
        Assert.Contains("lone", TextRules.Check(new string(['x', (char)0xDC00]), 1024), StringComparison.Ordinal);
        Assert.Contains("lone", TextRules.Check(new string([(char)0xD800, 'x']), 1024), StringComparison.Ordinal);
    }

    [Fact]
    public void Envelope_rules_name_the_first_field_over_its_limit()
    {
        var envelope = Envelope() with { UserId = new string('u', 3000) };
        Assert.Equal("userId", EnvelopeRules.Check(envelope)?.Field);
        Assert.Equal("event", EnvelopeRules.Check(Envelope() with { Event = "a\0" })?.Field);
        Assert.Equal("timestamp", EnvelopeRules.Check(Envelope() with { Timestamp = DateTimeOffset.MinValue })?.Field);
        Assert.Equal("receivedAt", EnvelopeRules.Check(Envelope() with { ReceivedAt = new DateTimeOffset(1899, 12, 31, 0, 0, 0, TimeSpan.Zero) })?.Field);
        using var traits = JsonDocument.Parse("""{"email":"\ud800@example.com"}""");
        Assert.Equal("traits.email", EnvelopeRules.Check(Envelope() with { Traits = traits.RootElement })?.Field);
        Assert.Null(EnvelopeRules.Check(Envelope() with { Timestamp = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
    }

    private static EventEnvelope Envelope() => new()
    {
        Tenant = "acme",
        MessageId = "m-1",
        Type = EventTypes.Track,
        UserId = "u-1",
        Event = "E",
        Timestamp = new DateTimeOffset(1969, 7, 20, 20, 17, 40, TimeSpan.Zero),
        ReceivedAt = DateTimeOffset.UtcNow,
    };
}
