using Streaming.Domain.Segments.Json;

namespace Streaming.Domain.Tests.Segments;

public sealed class SegmentJsonRejectionTests
{
    [Theory]
    [InlineData("""{"and":[{"property":"plan","op":"equal","value":"pro"}]}""",
        "$.and[0].op: unknown operator 'equal'; expected one of equals, notEquals, contains, startsWith, endsWith, in, greaterThan, greaterOrEqual, lessThan, lessOrEqual, between, exists, notExists, isTrue, isFalse, before, after, withinLast, withinNext, anniversary")]
    [InlineData("""{"event":"Order Completed","aggregate":{"fn":"median","property":"value","op":"equals","value":1}}""",
        "$.aggregate.fn: unknown aggregate 'median'; expected one of sum, avg, min, max")]
    [InlineData("""{"event":"Order Completed","aggregate":{"fn":"sum","property":"value","op":"contains","value":1}}""",
        "$.aggregate.op: unknown aggregate comparison 'contains'; expected one of equals, greaterThan, greaterOrEqual, lessThan, lessOrEqual")]
    [InlineData("""{"event":"Login","count":{"moreThan":2}}""", "$.count: expected exactly one of atLeast, atMost, exactly")]
    public void Unknown_operators_are_rejected(string json, string error) => AssertRejected(json, error);

    [Theory]
    [InlineData("""{"property":"plan","op":"equals","value":"pro","caseSensitive":true}""", "$: unknown field 'caseSensitive'; expected property, op, value")]
    [InlineData("""{"or":[{"event":"Login","within":{"days":7},"limit":3}]}""", "$.or[0]: unknown field 'limit'; expected event, did, where, count, aggregate, within")]
    [InlineData("""{"property":"age","op":"exists","value":1}""", "$: unknown field 'value'; expected property, op")]
    [InlineData("""{"event":"Login","within":{"days":7,"hours":2}}""", "$.within: unknown field 'hours'; expected days")]
    [InlineData("""{"segment":"vip","negate":true}""", "$: unknown field 'negate'; expected segment")]
    [InlineData("""{"plan":"pro"}""", "$: expected one of the fields and, or, not, property, event, segment")]
    [InlineData("""{"and":[],"or":[]}""", "$: fields and and or cannot be combined in one condition")]
    [InlineData("""{"property":"plan","op":"equals","value":"pro","value":"free"}""", "$: field 'value' appears twice")]
    public void Unknown_fields_and_ambiguous_nodes_are_rejected(string json, string error) => AssertRejected(json, error);

    [Theory]
    [InlineData("""{"property":"age","op":"greaterThan","value":"42"}""", "$.value: expected a number, found a string")]
    [InlineData("""{"property":"name","op":"contains","value":4}""", "$.value: expected a string, found the number 4")]
    [InlineData("""{"property":7,"op":"exists"}""", "$.property: expected a string, found the number 7")]
    [InlineData("""{"property":"plan","op":"in","values":"pro"}""", "$.values: expected an array, found a string")]
    [InlineData("""{"property":"plan","op":"in","values":["pro",{"x":1}]}""", "$.values[1]: expected a string, number or boolean, found an object")]
    [InlineData("""{"property":"plan","op":"equals","value":null}""", "$.value: expected a string, number or boolean, found null")]
    [InlineData("""{"event":"Login","did":"no"}""", "$.did: expected a boolean, found a string")]
    [InlineData("""{"event":"Login","count":{"atLeast":1.5}}""", "$.count.atLeast: expected an integer, found the number 1.5")]
    [InlineData("""{"not":[{"segment":"vip"}]}""", "$.not: expected an object, found an array")]
    [InlineData("""[{"segment":"vip"}]""", "$: expected an object, found an array")]
    [InlineData("""{"property":"d","op":"before","value":"yesterday"}""", "$.value: 'yesterday' is not an ISO 8601 date (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ)")]
    [InlineData("""{"event":"Login","within":{"from":"2026-13-01","to":"2026-12-31"}}""", "$.within.from: '2026-13-01' is not a date (yyyy-MM-dd)")]
    [InlineData("""{"property":"a..b","op":"exists"}""", "$.property: 'a..b' is not a dot-separated path")]
    public void Wrong_types_are_rejected(string json, string error) => AssertRejected(json, error);

    [Theory]
    [InlineData("""{"property":"plan","op":"equals"}""", "$: missing field 'value'")]
    [InlineData("""{"property":"plan"}""", "$: missing field 'op'")]
    [InlineData("""{"property":"signedUpAt","op":"withinLast"}""", "$: missing field 'days'")]
    [InlineData("""{"event":"Login","within":{"from":"2026-01-01"}}""", "$.within: missing field 'to'")]
    [InlineData("""{"event":"Order Completed","aggregate":{"fn":"sum","property":"value","op":"equals"}}""", "$.aggregate: missing field 'value'")]
    [InlineData("""{"and":[]}""", "$.and: must not be empty")]
    [InlineData("""{"or":[{"event":""}]}""", "$.or[0].event: must not be empty")]
    [InlineData("""{"event":"Login","within":{}}""", """$.within: expected {"days": N}, {"hours": N} or {"from": "yyyy-MM-dd", "to": "yyyy-MM-dd"} (leave the field out for ever)""")]
    public void Missing_values_are_rejected(string json, string error) => AssertRejected(json, error);

    [Theory]
    [InlineData("""{"event":"Login","within":{"days":-7}}""", "$.within.days: must be between 1 and 400, found -7")]
    [InlineData("""{"event":"Login","within":{"days":0}}""", "$.within.days: must be between 1 and 400, found 0")]
    [InlineData("""{"event":"Login","within":{"days":401}}""", "$.within.days: must be between 1 and 400, found 401")]
    [InlineData("""{"event":"Login","within":{"hours":169}}""", "$.within.hours: must be between 1 and 168, found 169")]
    [InlineData("""{"property":"d","op":"withinNext","days":-1}""", "$.days: must be between 1 and 36525, found -1")]
    [InlineData("""{"event":"Login","count":{"atLeast":0}}""", "$.count.atLeast: must be between 1 and 1000000, found 0")]
    [InlineData("""{"event":"Login","count":{"atMost":-1}}""", "$.count.atMost: must be between 0 and 1000000, found -1")]
    [InlineData("""{"event":"Login","within":{"from":"2026-02-01","to":"2026-01-01"}}""", "$.within: from 2026-02-01 is after to 2026-01-01")]
    [InlineData("""{"property":"age","op":"between","values":[9,3]}""", "$.values: low bound 9 is greater than high bound 3")]
    [InlineData("""{"property":"age","op":"between","values":[1,2,3]}""", "$.values: between takes exactly two numbers [low, high]")]
    public void Negative_and_out_of_range_windows_and_bounds_are_rejected(string json, string error) => AssertRejected(json, error);

    [Theory]
    [InlineData("""{"event":"Login","where":[{"property":"at","op":"withinLast","days":3}]}""",
        "$.where[0].op: operator 'withinLast' is relative to the current time and cannot filter events (a filter is applied when an event is recorded)")]
    [InlineData("""{"event":"Login","where":[{"segment":"vip"}]}""", "$.where[0]: an event filter is a property condition: missing field 'property'")]
    [InlineData("""{"event":"Login","count":{"atLeast":1},"aggregate":{"fn":"sum","property":"v","op":"equals","value":1}}""",
        "$: fields count and aggregate cannot be combined in one event condition")]
    public void Event_conditions_that_cannot_be_evaluated_exactly_are_rejected(string json, string error) => AssertRejected(json, error);

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected()
    {
        var json = string.Concat(Enumerable.Repeat("""{"not":""", 40)) + """{"segment":"vip"}""" + new string('}', 40);
        var error = Assert.Throws<SegmentDefinitionException>(() => SegmentJson.Parse(json));
        Assert.Equal("nesting deeper than 32 levels", error.Reason);
        Assert.StartsWith("$.not.not.", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_json_is_rejected()
    {
        var error = Assert.Throws<SegmentDefinitionException>(() => SegmentJson.Parse("{\"and\":["));
        Assert.Equal("$", error.Path);
        Assert.StartsWith("not valid JSON: ", error.Reason, StringComparison.Ordinal);
    }

    private static void AssertRejected(string json, string error) =>
        Assert.Equal(error, Assert.Throws<SegmentDefinitionException>(() => SegmentJson.Parse(json)).Message);
}
