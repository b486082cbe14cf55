using System.Text;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Processors.Tests.Driver;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Tests.Logic;

/// <summary>A record speaks for its tenant only with that tenant's write key and a key of that tenant.</summary>
public sealed class RecordAuthenticationTests
{
    private static RawRecord Record(EventEnvelope envelope, string? writeKey, string? recordKey = null) => new(
        Topics.Events.Name, 0, 0,
        Encoding.UTF8.GetBytes(recordKey ?? EventKey.For(envelope.Tenant, envelope.UserId, envelope.AnonymousId)),
        EventEnvelopeSerializer.Serialize(envelope),
        writeKey is null ? [] : TestRecords.Headers(writeKey));

    [Theory]
    [InlineData(null, null, "no cdp_write_key header")]
    [InlineData("", null, "no cdp_write_key header")]
    [InlineData("wk_made_up", null, "unknown or revoked write key")]
    [InlineData("wk_globex", null, "the write key is not a key of tenant \"acme\"")]
    [InlineData(TestRecords.WriteKey, "globex/u/u1", "the record key is not a key of tenant \"acme\"")]
    [InlineData(TestRecords.WriteKey, "acmeish/u/u1", "the record key is not a key of tenant \"acme\"")]
    public async Task A_record_without_its_tenants_write_key_or_key_is_dead_lettered_with_the_reason_and_nothing_is_stored(
        string? writeKey, string? recordKey, string reason)
    {
        var driver = new TopologyTestDriver();
        driver.Store.Tenants.Add("globex");
        driver.Store.WriteKeys["wk_globex"] = "globex";
        var envelope = driver.Identify("u1", null, """{"email":"u1@example.com"}""");

        var result = await driver.RunAsync(Record(envelope, writeKey, recordKey));

        var letter = Assert.Single(result.DeadLetters);
        Assert.Equal("validate", letter.Stage);
        Assert.StartsWith(reason, letter.Reason, StringComparison.Ordinal);
        Assert.Equal(0, result.Applied);
        Assert.Empty(driver.Store.Profiles);
        Assert.Empty(driver.Store.Links);
        Assert.Empty(driver.Store.Events);
        Assert.Empty(driver.Store.Timeline);
    }

    [Fact]
    public async Task Two_write_key_headers_are_refused()
    {
        var driver = new TopologyTestDriver();
        var envelope = driver.Track("u1", null);
        var record = Record(envelope, TestRecords.WriteKey) with
        {
            Headers = [.. TestRecords.Headers(), .. TestRecords.Headers("wk_made_up")],
        };

        var result = await driver.RunAsync(record);

        Assert.Equal("more than one cdp_write_key header", Assert.Single(result.DeadLetters).Reason);
        Assert.Empty(driver.Store.Profiles);
    }

    [Fact]
    public async Task A_record_with_its_tenants_write_key_is_applied()
    {
        var driver = new TopologyTestDriver();
        var envelope = driver.Track("u1", null);

        var result = await driver.RunAsync(Record(envelope, TestRecords.WriteKey));

        Assert.Empty(result.DeadLetters);
        Assert.Equal(1, result.Applied);
        Assert.Single(driver.Store.Profiles);
    }

    [Fact]
    public async Task A_flood_of_made_up_keys_does_not_stop_a_real_key_from_working()
    {
        var driver = new TopologyTestDriver();
        var records = Enumerable.Range(0, Authentication.RecordAuthenticator.Capacity + 10)
            .Select(i => Record(driver.Track("u" + i, null), "wk_made_up_" + i))
            .Append(Record(driver.Track("real", null), TestRecords.WriteKey))
            .ToList();

        var result = await driver.RunAsync([.. records]);

        Assert.Equal(records.Count - 1, result.DeadLetters.Count);
        Assert.Equal(1, result.Applied);
    }

    [Fact]
    public async Task A_revoked_write_key_is_refused_within_the_cache_lifetime()
    {
        var driver = new TopologyTestDriver();
        Assert.Equal(1, (await driver.RunAsync(Record(driver.Track("u1", null), TestRecords.WriteKey))).Applied);

        driver.Store.WriteKeys.Remove(TestRecords.WriteKey);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        BatchResult? refused = null;
        await TestSupport.Eventually.Until(async () =>
        {
            var result = await driver.RunAsync(Record(driver.Track("u1", null), TestRecords.WriteKey));
            refused = result.DeadLetters.Count == 1 ? result : null;
            return refused is not null;
        }, Authentication.RecordAuthenticator.EntryLifetime * 5, "the revoked key to be refused");

        Assert.StartsWith("unknown or revoked write key", Assert.Single(refused!.DeadLetters).Reason, StringComparison.Ordinal);
        Assert.Equal(0, refused.Applied);
    }
}
