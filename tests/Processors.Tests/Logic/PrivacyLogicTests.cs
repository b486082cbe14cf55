using Streaming.Processors.Identity;
using Streaming.Processors.Tests.Driver;

namespace Streaming.Processors.Tests.Logic;

public sealed class PrivacyLogicTests
{
    [Fact]
    public async Task Messages_for_a_forgotten_person_are_dropped_and_do_not_recreate_the_profile()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Identify("u1", "a1", """{"email":"gone@example.com"}"""));
        driver.Store.Forget("acme", new Identifier(IdentifierKind.Email, "gone@example.com"));

        var late = await driver.PipeAsync(driver.Track(null, "a1"), driver.Track("u1", null), driver.Track("u2", null));

        Assert.Equal(2, late.Suppressed);
        Assert.Null(driver.Store.ProfileBy(IdentifierKind.UserId, "u1"));
        Assert.Single(driver.Store.Profiles); // u2 only
    }

    [Fact]
    public async Task A_cached_profile_that_was_forgotten_is_not_resurrected_from_the_cache()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Identify("u1", null, """{"name":"Ann"}"""));
        Assert.Equal(1, driver.Topology.Cache.Count);
        driver.Store.Forget("acme", new Identifier(IdentifierKind.UserId, "u1"));

        await driver.PipeAsync(driver.Identify("u1", "a-new", """{"city":"Rome"}"""));

        Assert.Empty(driver.Store.Profiles);
    }
}
