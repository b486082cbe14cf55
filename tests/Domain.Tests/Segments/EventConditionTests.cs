namespace Streaming.Domain.Tests.Segments;

public sealed class EventConditionTests
{
    private static readonly DateTimeOffset Now = TestProfile.Now;

    private static TestProfile Orders() => new TestProfile()
        .Event("Order Completed", Now.AddDays(-1), """{"value":100,"category":"Books"}""", """{"campaign":{"name":"Summer"},"device":{"type":"mobile"}}""")
        .Event("Order Completed", Now.AddDays(-10), """{"value":40,"category":"toys"}""")
        .Event("Order Completed", Now.AddDays(-40), """{"value":"n/a","category":"books"}""")
        .Event("Page Viewed", Now.AddHours(-2), "{}", """{"page":{"path":"/pricing"}}""");

    [Theory]
    [InlineData("""{"event":"Order Completed"}""", true)]
    [InlineData("""{"event":"order completed"}""", false)]
    [InlineData("""{"event":"Signed Up"}""", false)]
    [InlineData("""{"event":"Signed Up","did":false}""", true)]
    [InlineData("""{"event":"Order Completed","did":false}""", false)]
    public void Did_and_did_not_match_event_names_exactly(string json, bool expected) =>
        Assert.Equal(expected, Orders().Matches(json));

    [Theory]
    [InlineData("""{"event":"Order Completed","count":{"atLeast":3}}""", true)]
    [InlineData("""{"event":"Order Completed","count":{"atLeast":4}}""", false)]
    [InlineData("""{"event":"Order Completed","count":{"atMost":3}}""", true)]
    [InlineData("""{"event":"Order Completed","count":{"atMost":2}}""", false)]
    [InlineData("""{"event":"Order Completed","count":{"exactly":3}}""", true)]
    [InlineData("""{"event":"Order Completed","count":{"exactly":2}}""", false)]
    [InlineData("""{"event":"Signed Up","count":{"atMost":0}}""", true)]
    [InlineData("""{"event":"Order Completed","did":false,"count":{"atLeast":4}}""", true)]
    public void Count_rules_compare_the_number_of_matching_events(string json, bool expected) =>
        Assert.Equal(expected, Orders().Matches(json));

    [Theory]
    [InlineData("""{"event":"Order Completed","count":{"exactly":2},"within":{"days":30}}""", true)]
    [InlineData("""{"event":"Order Completed","count":{"exactly":1},"within":{"days":2}}""", true)]
    [InlineData("""{"event":"Order Completed","within":{"days":1}}""", false)]
    [InlineData("""{"event":"Page Viewed","within":{"hours":3}}""", true)]
    [InlineData("""{"event":"Page Viewed","within":{"hours":2}}""", false)]
    [InlineData("""{"event":"Order Completed","count":{"exactly":1},"within":{"from":"2026-05-01","to":"2026-05-31"}}""", true)]
    [InlineData("""{"event":"Order Completed","count":{"exactly":1},"within":{"from":"2026-06-05","to":"2026-06-05"}}""", true)]
    [InlineData("""{"event":"Order Completed","within":{"from":"2026-06-06","to":"2026-06-13"}}""", false)]
    public void Windows_count_whole_utc_days_or_hours(string json, bool expected) =>
        Assert.Equal(expected, Orders().Matches(json));

    [Theory]
    [InlineData("""{"event":"Order Completed","where":[{"property":"category","op":"equals","value":"books"}],"count":{"exactly":2}}""", true)]
    [InlineData("""{"event":"Order Completed","where":[{"property":"value","op":"greaterThan","value":50}],"count":{"exactly":1}}""", true)]
    [InlineData("""{"event":"Order Completed","where":[{"property":"context.campaign.name","op":"equals","value":"summer"}]}""", true)]
    [InlineData("""{"event":"Order Completed","where":[{"property":"context.device.type","op":"equals","value":"desktop"}]}""", false)]
    [InlineData("""{"event":"Page Viewed","where":[{"property":"context.page.path","op":"startsWith","value":"/pricing"}],"within":{"days":1}}""", true)]
    [InlineData("""{"event":"Order Completed","where":[{"property":"category","op":"equals","value":"books"},{"property":"value","op":"exists"}],"count":{"exactly":2}}""", true)]
    public void Filters_apply_to_event_properties_and_context(string json, bool expected) =>
        Assert.Equal(expected, Orders().Matches(json));

    [Theory]
    [InlineData("""{"event":"Order Completed","aggregate":{"fn":"sum","property":"value","op":"equals","value":140}}""", true)]
    [InlineData("""{"event":"Order Completed","aggregate":{"fn":"sum","property":"value","op":"greaterOrEqual","value":100},"within":{"days":2}}""", true)]
    [InlineData("""{"event":"Order Completed","aggregate":{"fn":"sum","property":"value","op":"greaterThan","value":100},"within":{"days":2}}""", false)]
    [InlineData("""{"event":"Order Completed","aggregate":{"fn":"avg","property":"value","op":"equals","value":70}}""", true)]
    [InlineData("""{"event":"Order Completed","aggregate":{"fn":"min","property":"value","op":"lessThan","value":41}}""", true)]
    [InlineData("""{"event":"Order Completed","aggregate":{"fn":"max","property":"value","op":"lessOrEqual","value":99}}""", false)]
    [InlineData("""{"event":"Signed Up","aggregate":{"fn":"sum","property":"value","op":"lessOrEqual","value":0}}""", false)]
    [InlineData("""{"event":"Signed Up","did":false,"aggregate":{"fn":"sum","property":"value","op":"greaterThan","value":0}}""", true)]
    public void Aggregates_use_numeric_values_only_and_are_undefined_without_any(string json, bool expected) =>
        Assert.Equal(expected, Orders().Matches(json));

    [Fact]
    public void A_profile_leaves_a_last_7_days_segment_when_its_last_event_ages_out()
    {
        var profile = new TestProfile().Event("Order Completed", new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero));
        const string json = """{"event":"Order Completed","within":{"days":7}}""";
        var boundary = new DateTimeOffset(2026, 6, 17, 0, 0, 0, TimeSpan.Zero);

        Assert.True(profile.Matches(json, boundary.AddTicks(-1)));
        Assert.False(profile.Matches(json, boundary));
    }
}
