namespace Streaming.Domain.Tests.Segments;

public sealed class NextChangeTests
{
    private static DateTimeOffset At(int day, int hour = 0) => new(2026, 6, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Did_in_the_last_7_days_changes_when_the_last_qualifying_day_leaves_the_window()
    {
        var profile = new TestProfile()
            .Event("Order Completed", At(8, 9))
            .Event("Order Completed", At(10, 15));
        const string json = """{"event":"Order Completed","within":{"days":7}}""";

        Assert.Equal(At(17), profile.NextChangeAt(json, At(12, 12)));
        Assert.True(profile.Matches(json, At(16, 23)));
        Assert.False(profile.Matches(json, At(17)));
        Assert.Null(profile.NextChangeAt(json, At(17)));
    }

    [Fact]
    public void At_least_two_changes_when_the_count_first_drops_below_two()
    {
        var profile = new TestProfile()
            .Event("Order Completed", At(8, 9))
            .Event("Order Completed", At(10, 15))
            .Event("Order Completed", At(11, 1));
        const string json = """{"event":"Order Completed","count":{"atLeast":2},"within":{"days":7}}""";

        Assert.Equal(At(17), profile.NextChangeAt(json, At(12)));
    }

    [Fact]
    public void At_most_one_changes_when_enough_events_have_aged_out()
    {
        var profile = new TestProfile()
            .Event("Order Completed", At(8, 9))
            .Event("Order Completed", At(10, 15))
            .Event("Order Completed", At(11, 1));
        const string json = """{"event":"Order Completed","count":{"atMost":1},"within":{"days":7}}""";

        Assert.False(profile.Matches(json, At(12)));
        Assert.Equal(At(17), profile.NextChangeAt(json, At(12)));
        Assert.True(profile.Matches(json, At(17)));
    }

    [Fact]
    public void Hour_windows_change_on_the_hour()
    {
        var profile = new TestProfile().Event("Page Viewed", new DateTimeOffset(2026, 6, 12, 9, 45, 0, TimeSpan.Zero));
        Assert.Equal(At(12, 12), profile.NextChangeAt("""{"event":"Page Viewed","within":{"hours":3}}""", At(12, 10)));
    }

    [Fact]
    public void Windows_without_an_end_and_traits_without_dates_never_change_by_time()
    {
        var profile = new TestProfile().Traits("""{"plan":"pro"}""").Event("Order Completed", At(8));
        Assert.Null(profile.NextChangeAt("""{"event":"Order Completed"}""", At(12)));
        Assert.Null(profile.NextChangeAt("""{"event":"Order Completed","within":{"from":"2026-06-01","to":"2026-06-30"}}""", At(12)));
        Assert.Null(profile.NextChangeAt("""{"property":"plan","op":"equals","value":"pro"}""", At(12)));
        Assert.Null(profile.NextChangeAt("""{"event":"Signed Up","within":{"days":3}}""", At(12)));
    }

    [Fact]
    public void Trait_date_windows_change_where_the_date_enters_or_leaves_them()
    {
        var profile = new TestProfile().Traits("""{"trialEndsAt":"2026-06-20T06:00:00Z","signedUpAt":"2026-06-10T08:00:00Z"}""");
        Assert.Equal(new DateTimeOffset(2026, 6, 17, 6, 0, 0, TimeSpan.Zero), profile.NextChangeAt("""{"property":"trialEndsAt","op":"withinNext","days":3}""", At(12)));
        Assert.Equal(new DateTimeOffset(2026, 6, 20, 6, 0, 0, TimeSpan.Zero), profile.NextChangeAt("""{"property":"trialEndsAt","op":"withinNext","days":3}""", At(18)));
        Assert.Equal(new DateTimeOffset(2026, 6, 17, 8, 0, 0, TimeSpan.Zero), profile.NextChangeAt("""{"property":"signedUpAt","op":"withinLast","days":7}""", At(12)));
        Assert.Null(profile.NextChangeAt("""{"property":"signedUpAt","op":"withinLast","days":1}""", At(12)));
    }

    [Fact]
    public void Anniversaries_change_at_the_start_and_end_of_the_day()
    {
        var profile = new TestProfile().Traits("""{"birthday":"1990-06-15T18:00:00Z"}""");
        const string json = """{"property":"birthday","op":"anniversary"}""";
        Assert.Equal(At(15), profile.NextChangeAt(json, At(12)));
        Assert.Equal(At(16), profile.NextChangeAt(json, At(15, 3)));
        Assert.Equal(new DateTimeOffset(2027, 6, 15, 0, 0, 0, TimeSpan.Zero), profile.NextChangeAt(json, At(16)));
    }

    [Fact]
    public void A_group_changes_at_its_earliest_leaf_change()
    {
        var profile = new TestProfile()
            .Traits("""{"signedUpAt":"2026-06-10T08:00:00Z"}""")
            .Event("Order Completed", At(11, 5));
        const string json = """{"or":[{"event":"Order Completed","within":{"days":2}},{"not":{"property":"signedUpAt","op":"withinLast","days":30}}]}""";
        Assert.Equal(At(13), profile.NextChangeAt(json, At(12)));
    }
}
