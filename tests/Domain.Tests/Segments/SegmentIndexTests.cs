using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.Index;
using Streaming.Domain.Segments.Json;

namespace Streaming.Domain.Tests.Segments;

public sealed class SegmentIndexTests
{
    private static readonly SegmentIndex Index = SegmentIndex.Build([
        Define("pro", """{"property":"plan","op":"equals","value":"pro"}"""),
        Define("parisians", """{"property":"address.city","op":"equals","value":"Paris"}"""),
        Define("buyers", """{"event":"Order Completed","within":{"days":30}}"""),
        Define("non-buyers", """{"event":"Order Completed","did":false}"""),
        Define("engaged-pro", """{"and":[{"segment":"pro"},{"event":"Login","where":[{"property":"context.device.type","op":"equals","value":"mobile"}]}]}"""),
        Define("new", """{"property":"signedUpAt","op":"withinLast","days":7}"""),
    ]);

    [Fact]
    public void An_event_affects_only_segments_that_mention_its_name()
    {
        Assert.Equal(["buyers", "non-buyers"], Index.Affected("Order Completed", []).Order());
        Assert.Equal(["engaged-pro"], Index.Affected("Login", []));
        Assert.Empty(Index.Affected("Page Viewed", []));
    }

    [Fact]
    public void A_trait_change_affects_conditions_on_the_path_its_ancestors_and_descendants()
    {
        Assert.Equal(["pro"], Index.Affected(null, ["plan"]));
        Assert.Equal(["parisians"], Index.Affected(null, ["address"]));
        Assert.Equal(["parisians"], Index.Affected(null, ["address.city"]));
        Assert.Empty(Index.Affected(null, ["address.country"]));
        Assert.Empty(Index.Affected(null, ["planet"]));
        Assert.Equal(["new", "pro"], Index.Affected(null, ["plan", "signedUpAt", "email"]).Order());
    }

    [Fact]
    public void An_event_with_trait_changes_affects_the_union()
    {
        Assert.Equal(["engaged-pro", "pro"], Index.Affected("Login", ["plan"]).Order());
    }

    [Fact]
    public void A_membership_change_affects_the_segments_that_reference_it()
    {
        Assert.Equal(["engaged-pro"], Index.AffectedByMembership("pro"));
        Assert.Empty(Index.AffectedByMembership("buyers"));
    }

    [Fact]
    public void Segments_with_relative_windows_are_time_dependent()
    {
        Assert.Equal(["buyers", "new"], Index.TimeDependent.Order());
    }

    [Fact]
    public void The_tracking_plan_keeps_one_series_per_distinct_name_and_filters()
    {
        Assert.Single(Index.TrackingPlan.For("Order Completed"));
        Assert.Single(Index.TrackingPlan.For("Login"));
        Assert.Empty(Index.TrackingPlan.For("Page Viewed"));
    }

    private static SegmentDefinition Define(string id, string json) => new(id, SegmentJson.Parse(json));
}
