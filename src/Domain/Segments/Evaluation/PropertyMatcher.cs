using System.Text.Json;
using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Segments.Evaluation;

/// <summary>
/// One property test against one JSON value. Types are strict (a string "42" is not the number 42,
/// the string "true" is not a boolean); strings compare case-insensitively (ordinal ignore-case);
/// dates are ISO 8601 strings. A missing or null value fails every test except notEquals and
/// notExists.
/// </summary>
public static class PropertyMatcher
{
    public static bool Matches(PropertyCondition condition, bool found, JsonElement value, DateTimeOffset now)
    {
        var present = found && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
        switch (condition.Operator)
        {
            case PropertyOperator.Exists:
                return present;
            case PropertyOperator.NotExists:
                return !present;
            case PropertyOperator.NotEquals:
                return !(present && EqualsValue(value, condition.Value!.Value));
        }
        if (!present)
        {
            return false;
        }
        return condition.Operator switch
        {
            PropertyOperator.Equals => EqualsValue(value, condition.Value!.Value),
            PropertyOperator.In => condition.Values!.Any(v => EqualsValue(value, v)),
            PropertyOperator.Contains => Text(value) is { } s && s.Contains(condition.Value!.Value.Text!, StringComparison.OrdinalIgnoreCase),
            PropertyOperator.StartsWith => Text(value) is { } s && s.StartsWith(condition.Value!.Value.Text!, StringComparison.OrdinalIgnoreCase),
            PropertyOperator.EndsWith => Text(value) is { } s && s.EndsWith(condition.Value!.Value.Text!, StringComparison.OrdinalIgnoreCase),
            PropertyOperator.GreaterThan => Number(value) is { } n && n > condition.Value!.Value.Number,
            PropertyOperator.GreaterOrEqual => Number(value) is { } n && n >= condition.Value!.Value.Number,
            PropertyOperator.LessThan => Number(value) is { } n && n < condition.Value!.Value.Number,
            PropertyOperator.LessOrEqual => Number(value) is { } n && n <= condition.Value!.Value.Number,
            PropertyOperator.Between => Number(value) is { } n && n >= condition.Values![0].Number && n <= condition.Values![1].Number,
            PropertyOperator.IsTrue => value.ValueKind == JsonValueKind.True,
            PropertyOperator.IsFalse => value.ValueKind == JsonValueKind.False,
            PropertyOperator.Before => Date(value) is { } d && d < Bound(condition),
            PropertyOperator.After => Date(value) is { } d && d > Bound(condition),
            PropertyOperator.WithinLast => Date(value) is { } d && d <= now && now < d.AddDays(condition.Days!.Value),
            PropertyOperator.WithinNext => Date(value) is { } d && d.AddDays(-condition.Days!.Value) <= now && now < d,
            _ => Date(value) is { } d && TraitDates.IsAnniversary(d, now),
        };
    }

    public static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static double? Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) ? n : null;

    public static DateTimeOffset? Date(JsonElement value) =>
        Text(value) is { } s && SegmentDates.TryParseInstant(s, out var d) ? d : null;

    private static DateTimeOffset Bound(PropertyCondition condition) =>
        SegmentDates.TryParseInstant(condition.Value!.Value.Text!, out var bound)
            ? bound
            : throw new ArgumentException($"'{condition.Value.Value.Text}' is not a date; conditions come from the strict reader", nameof(condition));

    private static bool EqualsValue(JsonElement value, ConditionValue expected) => expected.Kind switch
    {
        ConditionValueKind.Text => Text(value) is { } s && string.Equals(s, expected.Text, StringComparison.OrdinalIgnoreCase),
        ConditionValueKind.Number => Number(value) is { } n && n == expected.Number,
        _ => value.ValueKind == (expected.Flag ? JsonValueKind.True : JsonValueKind.False),
    };
}
