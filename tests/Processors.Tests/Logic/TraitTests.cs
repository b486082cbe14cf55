using Streaming.Processors.Identity;
using Streaming.Processors.Tests.Driver;

namespace Streaming.Processors.Tests.Logic;

public sealed class TraitTests
{
    [Fact]
    public async Task Identify_traits_overwrite_and_set_once_keeps_the_first_value()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Identify("u1", null, """{"plan":"free","$set_once":{"first_source":"ads"}}"""));
        await driver.PipeAsync(driver.Identify("u1", null, """{"plan":"pro","$set_once":{"first_source":"email","signup":"2026"}}"""));

        var traits = driver.Store.ProfileBy(IdentifierKind.UserId, "u1")!.Traits;
        Assert.Equal("pro", (string?)traits["plan"]);
        Assert.Equal("ads", (string?)traits["first_source"]);
        Assert.Equal("2026", (string?)traits["signup"]);
    }

    [Fact]
    public async Task Unset_removes_traits_and_track_properties_can_carry_set_operations()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Identify("u1", null, """{"coupon":"X1","plan":"free"}"""));
        await driver.PipeAsync(driver.Track("u1", null, "Plan Changed", """{"$set":{"plan":"pro"},"$unset":["coupon"],"price":9}"""));

        var traits = driver.Store.ProfileBy(IdentifierKind.UserId, "u1")!.Traits;
        Assert.Equal("pro", (string?)traits["plan"]);
        Assert.False(traits.ContainsKey("coupon"));
        Assert.False(traits.ContainsKey("price")); // plain track properties are not traits
    }

    [Fact]
    public async Task Set_in_the_same_message_wins_over_set_once_and_unset_runs_last()
    {
        var driver = new TopologyTestDriver();
        await driver.PipeAsync(driver.Identify("u1", null, """{"a":"set","$set_once":{"a":"once","b":"once"},"$unset":["b"]}"""));

        var traits = driver.Store.ProfileBy(IdentifierKind.UserId, "u1")!.Traits;
        Assert.Equal("set", (string?)traits["a"]);
        Assert.False(traits.ContainsKey("b"));
    }
}
