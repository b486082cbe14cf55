using Streaming.Processors.Identity;
using Streaming.Processors.Tests.Driver;

namespace Streaming.Processors.Tests.Logic;

public sealed class IdentityResolutionTests
{
    [Fact]
    public async Task Identify_links_the_anonymous_profile_to_the_user()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Track(null, "anon-1"), driver.Track(null, "anon-1"));
        await driver.PipeAsync(driver.Identify("user-1", "anon-1", """{"email":"Ann@Example.com"}"""));

        var profile = driver.Store.ProfileBy(IdentifierKind.UserId, "user-1");
        Assert.NotNull(profile);
        Assert.Same(profile, driver.Store.ProfileBy(IdentifierKind.AnonymousId, "anon-1"));
        Assert.Same(profile, driver.Store.ProfileBy(IdentifierKind.Email, "ann@example.com"));
        Assert.Equal(3, profile.EventCount);
        Assert.Single(driver.Store.Profiles);
    }

    [Fact]
    public async Task Two_anonymous_profiles_merge_when_one_identify_names_both_and_the_older_survives()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Identify(null, "anon-old", """{"plan":"free","city":"Oslo"}"""));
        await driver.PipeAsync(driver.Identify(null, "anon-new", """{"email":"bob@example.com","plan":"pro"}"""));
        var older = driver.Store.ProfileBy(IdentifierKind.AnonymousId, "anon-old")!.Id;

        // The email ties anon-old to the profile anon-new created.
        await driver.PipeAsync(driver.Identify(null, "anon-old", """{"email":"bob@example.com"}"""));

        var survivor = driver.Store.ProfileBy(IdentifierKind.Email, "bob@example.com")!;
        Assert.Equal(older, survivor.Id);
        Assert.Same(survivor, driver.Store.ProfileBy(IdentifierKind.AnonymousId, "anon-new"));
        Assert.Single(driver.Store.Profiles);
        Assert.Equal("free", (string?)survivor.Traits["plan"]); // the survivor's trait wins
        Assert.Equal("Oslo", (string?)survivor.Traits["city"]);
        Assert.Equal(3, survivor.EventCount);
        Assert.Contains(driver.Store.Events, e => e.Type == "profile.merged_into" && e.ProfileId != older);
    }

    [Fact]
    public async Task Two_identified_customers_sharing_an_email_are_not_merged()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Identify("alice", null, """{"email":"family@example.com"}"""));
        await driver.PipeAsync(driver.Identify("bob", null, """{"email":"family@example.com"}"""));

        var alice = driver.Store.ProfileBy(IdentifierKind.UserId, "alice")!;
        var bob = driver.Store.ProfileBy(IdentifierKind.UserId, "bob")!;
        Assert.NotEqual(alice.Id, bob.Id);
        Assert.Equal(alice.Id, driver.Store.ProfileBy(IdentifierKind.Email, "family@example.com")!.Id);
    }

    [Fact]
    public async Task A_new_user_on_a_device_of_another_customer_gets_its_own_profile()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Identify("alice", "shared-laptop", "{}"));
        await driver.PipeAsync(driver.Track("carol", "shared-laptop"));

        var alice = driver.Store.ProfileBy(IdentifierKind.UserId, "alice")!;
        var carol = driver.Store.ProfileBy(IdentifierKind.UserId, "carol")!;
        Assert.NotEqual(alice.Id, carol.Id);
        Assert.Equal(1, carol.EventCount);
    }

    [Fact]
    public async Task Alias_merges_the_previous_id_into_the_user_and_the_user_survives()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Track(null, "visitor-9"));
        await driver.PipeAsync(driver.Identify("user-9", null, """{"name":"Nia"}"""));
        var user = driver.Store.ProfileBy(IdentifierKind.UserId, "user-9")!.Id;

        await driver.PipeAsync(driver.Alias("visitor-9", "user-9"));

        Assert.Single(driver.Store.Profiles);
        var profile = driver.Store.ProfileBy(IdentifierKind.AnonymousId, "visitor-9")!;
        Assert.Equal(user, profile.Id);
        Assert.Equal(3, profile.EventCount);
        Assert.All(driver.Store.Timeline.Values, t => Assert.Equal(user, t.ProfileId));
    }

    [Fact]
    public async Task Merges_inside_one_batch_point_new_links_and_timeline_at_the_survivor()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(
            driver.Track(null, "a1"),
            driver.Track(null, "a2"),
            driver.Identify("u1", "a2", "{}"),
            driver.Identify("u1", "a1", "{}"));

        Assert.Single(driver.Store.Profiles);
        var id = driver.Store.Profiles.Keys.Single();
        Assert.All(driver.Store.Links.Values, p => Assert.Equal(id, p));
        Assert.All(driver.Store.Timeline.Values, t => Assert.Equal(id, t.ProfileId));
        Assert.Equal(4, driver.Store.Profiles[id].EventCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("undefined")]
    [InlineData("null")]
    [InlineData("anonymous")]
    [InlineData("0")]
    [InlineData(" Undefined ")]
    public async Task A_junk_identifier_shared_by_many_visitors_never_merges_them(string junk)
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(
            driver.Identify("u1", junk, $$"""{"email":"{{(junk.Length == 0 ? "" : junk)}}"}"""),
            driver.Identify("u2", junk, "{}"),
            driver.Track(null, "anon-3") with { UserId = junk });
        await driver.PipeAsync(driver.Identify(junk, "anon-4", "{}"));

        Assert.Equal(4, driver.Store.Profiles.Count);
        Assert.DoesNotContain(driver.Store.Links.Keys, k => JunkIdentifiers.IsJunk(k.Id.Value));
    }

    [Fact]
    public async Task A_message_with_only_junk_identifiers_is_dead_lettered()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Track("undefined", "null"));

        var letter = Assert.Single(driver.DeadLetters);
        Assert.Equal("validate", letter.Stage);
        Assert.Contains("junk", letter.Reason, StringComparison.Ordinal);
        Assert.Empty(driver.Store.Profiles);
    }

    [Fact]
    public async Task A_redelivered_message_is_applied_once()
    {
        var driver = new TopologyTestDriver();
        var track = driver.Track("u1", null);
        await driver.PipeAsync(track, track);
        var second = await driver.PipeAsync(track);

        Assert.Equal(1, driver.Store.ProfileBy(IdentifierKind.UserId, "u1")!.EventCount);
        Assert.Equal(1, second.Duplicates);
    }
}
