using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.Json;
using Streaming.Domain.Segments.Text;

namespace Streaming.Domain.Tests.Segments;

public sealed class SegmentJsonTests
{
    public static TheoryData<string, string> Forms => new()
    {
        {
            """{"and":[{"property":"plan","op":"equals","value":"pro"},{"event":"Order Completed","count":{"atLeast":2},"within":{"days":30}}]}""",
            """plan = "pro" AND did "Order Completed" at least 2 times in the last 30 days"""
        },
        {
            """{"or":[{"property":"age","op":"between","values":[18,30]},{"not":{"and":[{"property":"vip","op":"isTrue"},{"property":"email","op":"exists"}]}}]}""",
            """age between 18 and 30 OR NOT (vip is true AND email exists)"""
        },
        {
            """{"and":[{"property":"plan","op":"in","values":["pro","team",3,true]},{"or":[{"property":"a","op":"notExists"},{"property":"b","op":"isFalse"}]}]}""",
            """plan in ("pro", "team", 3, true) AND (a does not exist OR b is false)"""
        },
        {
            """{"property":"email","op":"notEquals","value":"say \"hi\" \\ bye"}""",
            "email != \"say \\\"hi\\\" \\\\ bye\""
        },
        {
            """{"property":"name","op":"contains","value":"ann"}""",
            "name contains \"ann\""
        },
        {
            """{"and":[{"property":"name","op":"startsWith","value":"A"},{"property":"name","op":"endsWith","value":"z"}]}""",
            "name starts with \"A\" AND name ends with \"z\""
        },
        {
            """{"and":[{"property":"n","op":"greaterThan","value":1.5},{"property":"n","op":"greaterOrEqual","value":2},{"property":"n","op":"lessThan","value":-3},{"property":"n","op":"lessOrEqual","value":4}]}""",
            """n > 1.5 AND n >= 2 AND n < -3 AND n <= 4"""
        },
        {
            """{"and":[{"property":"signedUpAt","op":"before","value":"2026-01-01T00:00:00Z"},{"property":"signedUpAt","op":"after","value":"2025-06-30T12:00:00Z"}]}""",
            """signedUpAt before 2026-01-01T00:00:00Z AND signedUpAt after 2025-06-30T12:00:00Z"""
        },
        {
            """{"and":[{"property":"trialEndsAt","op":"withinNext","days":3},{"property":"seenAt","op":"withinLast","days":1},{"property":"birthday","op":"anniversary"}]}""",
            """trialEndsAt within the next 3 days AND seenAt within the last day AND birthday has its anniversary today"""
        },
        {
            """{"event":"Order Completed","did":false,"where":[{"property":"context.campaign.name","op":"equals","value":"Summer"},{"property":"value","op":"greaterThan","value":10}],"within":{"hours":12}}""",
            """did not do "Order Completed" where context.campaign.name = "Summer" AND value > 10 in the last 12 hours"""
        },
        {
            """{"event":"Order Completed","aggregate":{"fn":"sum","property":"value","op":"greaterOrEqual","value":100},"within":{"days":90}}""",
            """did "Order Completed" with sum of value >= 100 in the last 90 days"""
        },
        {
            """{"event":"Login","count":{"exactly":1},"within":{"from":"2026-01-01","to":"2026-01-31"}}""",
            """did "Login" exactly 1 time between 2026-01-01 and 2026-01-31"""
        },
        {
            """{"and":[{"event":"Login","count":{"atMost":0},"within":{"hours":1}},{"event":"Signed Up"},{"segment":"vip"}]}""",
            "did \"Login\" at most 0 times in the last hour AND did \"Signed Up\" ever AND in segment \"vip\""
        },
        {
            """{"or":[{"event":"Order Completed","aggregate":{"fn":"avg","property":"value","op":"lessThan","value":5}},{"event":"Order Completed","aggregate":{"fn":"min","property":"value","op":"equals","value":1}},{"event":"Order Completed","aggregate":{"fn":"max","property":"value","op":"lessOrEqual","value":9},"within":{"days":1}},{"event":"Refund","aggregate":{"fn":"max","property":"value","op":"greaterThan","value":0}}]}""",
            """did "Order Completed" with average of value < 5 ever OR did "Order Completed" with minimum of value = 1 ever OR did "Order Completed" with maximum of value <= 9 in the last day OR did "Refund" with maximum of value > 0 ever"""
        },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Canonical_json_round_trips_and_prints_as_text(string json, string text)
    {
        var condition = SegmentJson.Parse(json);

        Assert.Equal(json, SegmentJson.Write(condition));
        Assert.Equal(condition, SegmentJson.Parse(SegmentJson.Write(condition)));
        Assert.Equal(text, SegmentText.Print(condition));
    }

    [Fact]
    public void Defaults_are_left_out_of_the_canonical_form()
    {
        var condition = SegmentJson.Parse("""{"event":"Login","did":true,"where":[{"property":"x","op":"exists"}]}""");
        Assert.Equal("""{"event":"Login","where":[{"property":"x","op":"exists"}]}""", SegmentJson.Write(condition));
    }

    [Fact]
    public void Dates_are_stored_in_utc_to_the_second()
    {
        var condition = SegmentJson.Parse("""{"property":"d","op":"before","value":"2026-03-01T10:00:00+02:00"}""");
        Assert.Equal("""{"property":"d","op":"before","value":"2026-03-01T08:00:00Z"}""", SegmentJson.Write(condition));
    }

    [Fact]
    public void Conditions_compare_by_value()
    {
        var built = new AllOf(ValueList.Of<SegmentCondition>(
            new PropertyCondition("plan", PropertyOperator.Equals, ConditionValue.Of("pro")),
            new EventCondition("Order Completed", true, ValueList.Of<PropertyCondition>(), new CountRule(CountComparison.AtLeast, 2), null, EventWindow.LastDays(30))));

        Assert.Equal(built, SegmentJson.Parse("""{"and":[{"property":"plan","op":"equals","value":"pro"},{"event":"Order Completed","count":{"atLeast":2},"within":{"days":30}}]}"""));
    }
}
