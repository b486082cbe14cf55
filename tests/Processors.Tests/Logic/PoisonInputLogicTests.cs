using System.Text;
using Streaming.Platform.Contracts;
using Streaming.Processors.Identity;
using Streaming.Processors.Tests.Driver;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Tests.Logic;

/// <summary>
/// Records a direct Kafka producer can write that the store cannot hold: each is dead-lettered
/// with a reason naming the field, and the good record beside it in the batch still applies.
/// Regression: each of these stopped the partition (an exception out of a stage or the store).
/// </summary>
public sealed class PoisonInputLogicTests
{
    private const string Now = "2026-01-01T12:00:00Z";
    private const string Good = """ "userId":"u1","event":"E","properties":{"ok":true}""";

    // Members of the envelope after its type; a leading space so the raw literals need not start with a quote.
    [Theory]
    [InlineData("lone surrogate in properties", """ "userId":"u1","event":"E","properties":{"name":"\ud800"}""", "properties.name: contains a lone UTF-16 surrogate")]
    [InlineData("lone surrogate in an id", """ "userId":"u1","anonymousId":"\udfff","event":"E","properties":{}""", "anonymousId: contains a lone")]
    [InlineData("U+0000 in a property", """ "userId":"u1","event":"E","properties":{"a":"x\u0000"}""", "properties.a: contains U+0000")]
    [InlineData("U+0000 in a property key", """ "userId":"u1","event":"E","properties":{"a\u0000":1}""", "properties: a key contains U+0000")]
    [InlineData("U+0000 in the event name", """ "userId":"u1","event":"Sign\u0000ed Up","properties":{}""", "event: contains U+0000")]
    [InlineData("number beyond numeric", """ "userId":"u1","event":"E","properties":{"big":1e1000000}""", "properties.big: is too large")]
    [InlineData("duplicate keys", """ "userId":"u1","event":"E","properties":{"a":1,"a":2}""", "properties.a: is a duplicate key")]
    [InlineData("duplicate envelope member", """ "userId":"u1","event":"E","userId":"u2","properties":{}""", "userId: is a duplicate key")]
    public async Task Poison_values_are_dead_lettered_by_decode_and_the_rest_of_the_batch_applies(string what, string members, string reason)
    {
        var driver = new TopologyTestDriver();
        var result = await driver.PipeRawAsync(Record("poison", members), Record("good", Good));

        var letter = Assert.Single(driver.DeadLetters);
        Assert.True(letter.Stage == "decode", what);
        Assert.StartsWith(reason, letter.Reason, StringComparison.Ordinal);
        Assert.Equal(1, result.Applied);
        Assert.Single(driver.Store.Timeline);
    }

    [Theory]
    [InlineData("messageId", "is 3000 bytes of UTF-8 (at most 1024)")]
    [InlineData("userId", "is 3000 bytes of UTF-8 (at most 1024)")]
    [InlineData("event", "is 3000 bytes of UTF-8 (at most 1024)")]
    public async Task Over_long_ids_and_names_are_dead_lettered_by_validate(string field, string reason)
    {
        var driver = new TopologyTestDriver();
        var good = driver.Track("u1", null);
        var poison = field switch
        {
            "messageId" => driver.Track("u1", null) with { MessageId = new string('m', 3000) },
            "userId" => driver.Track(new string('u', 3000), null),
            _ => driver.Track("u1", null, name: new string('e', 3000)),
        };
        var result = await driver.PipeAsync(poison, good);

        var letter = Assert.Single(driver.DeadLetters);
        Assert.Equal("validate", letter.Stage);
        Assert.Equal($"{field}: {reason}", letter.Reason);
        Assert.Equal(1, result.Applied);
    }

    [Fact]
    public async Task An_over_long_email_trait_is_dead_lettered_before_it_becomes_an_identifier()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Identify("u1", null, $$"""{"email":"{{new string('a', 3000)}}@example.com"}"""));

        Assert.StartsWith("traits.email: is 3012 bytes", Assert.Single(driver.DeadLetters).Reason, StringComparison.Ordinal);
        Assert.Empty(driver.Store.Profiles);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1899-12-31T23:59:59Z")]
    public async Task A_time_before_1900_is_dead_lettered_by_validate(string timestamp)
    {
        var driver = new TopologyTestDriver();
        await driver.PipeRawAsync(Record("old", Good, timestamp));

        var letter = Assert.Single(driver.DeadLetters);
        Assert.Equal("validate", letter.Stage);
        Assert.StartsWith("timestamp: must be between 1900-01-01", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_historical_timestamp_creates_a_profile_and_is_stored()
    {
        var driver = new TopologyTestDriver();
        var landing = new DateTimeOffset(1969, 7, 20, 20, 17, 40, TimeSpan.Zero);
        var result = await driver.PipeAsync(driver.Track("armstrong", null, "Moon Landing") with { Timestamp = landing });

        Assert.Empty(driver.DeadLetters);
        Assert.Equal(1, result.Applied);
        var profile = driver.Store.ProfileBy(IdentifierKind.UserId, "armstrong");
        Assert.NotNull(profile);
        Assert.Equal(landing, profile.FirstSeen);
        Assert.Equal(landing, Assert.Single(driver.Store.Timeline).Value.Timestamp);
    }

    [Fact]
    public async Task The_earliest_accepted_time_creates_a_profile_too()
    {
        var driver = new TopologyTestDriver();
        var earliest = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await driver.PipeAsync(driver.Identify("u1900", null, """{"plan":"old"}""") with { Timestamp = earliest });

        Assert.Empty(driver.DeadLetters);
        Assert.Equal(earliest, driver.Store.ProfileBy(IdentifierKind.UserId, "u1900")?.FirstSeen);
    }

    [Fact]
    public void Derived_ids_are_total_over_the_accepted_time_range_and_still_deterministic()
    {
        var profile = Guid.NewGuid();
        foreach (var time in new[] { new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.UnixEpoch.AddTicks(-1), DateTimeOffset.MaxValue })
        {
            Assert.Equal(PendingEvent.DeriveId("acme", "m", profile, 0, time), PendingEvent.DeriveId("acme", "m", profile, 0, time));
            Assert.NotEqual(PendingEvent.DeriveId("acme", "m", profile, 0, time), PendingEvent.DeriveId("acme", "m", profile, 1, time));
            Assert.Equal(7, TimeOrderedId.NewVersion7(time).Version);
        }
    }

    /// <summary>A track envelope as raw JSON with <paramref name="members"/> (ids, event, properties) spliced in.</summary>
    private static byte[] Record(string messageId, string members, string timestamp = Now) => Encoding.UTF8.GetBytes(
        $$"""{"v":1,"tenant":"acme","messageId":"{{messageId}}","type":"track",{{members}},"timestamp":"{{timestamp}}","receivedAt":"{{Now}}"}""");
}
