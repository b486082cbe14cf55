using System.Globalization;
using System.Text.Json;
using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.Validation;

namespace Streaming.Domain.Segments.Json;

/// <summary>
/// The strict reader of the JSON form: every node must be exactly one known kind with only the fields
/// that kind uses, of the right types, within <see cref="SegmentLimits"/>. Anything else throws
/// <see cref="SegmentDefinitionException"/> naming the JSON path, so a malformed definition is
/// refused when saved and can never reach an evaluator (where a lenient reading might match everyone).
/// </summary>
internal sealed class SegmentJsonReader(SegmentLimits limits)
{
    private static readonly string[] Kinds = ["and", "or", "not", "property", "event", "segment"];

    public SegmentCondition ReadCondition(JsonElement element, string path, int depth)
    {
        if (depth > limits.MaxDepth)
        {
            throw new SegmentDefinitionException(path, $"nesting deeper than {limits.MaxDepth} levels");
        }
        RequireObject(element, path);
        var kinds = Kinds.Where(k => element.TryGetProperty(k, out _)).ToList();
        if (kinds.Count != 1)
        {
            throw new SegmentDefinitionException(path, kinds.Count == 0
                ? $"expected one of the fields {string.Join(", ", Kinds)}"
                : $"fields {string.Join(" and ", kinds)} cannot be combined in one condition");
        }
        return kinds[0] switch
        {
            "and" => new AllOf(ReadGroup(element, "and", path, depth)),
            "or" => new AnyOf(ReadGroup(element, "or", path, depth)),
            "not" => ReadNot(element, path, depth),
            "property" => ReadProperty(element, path, inEventFilter: false),
            "event" => ReadEvent(element, path),
            _ => ReadMembership(element, path),
        };
    }

    private ValueList<SegmentCondition> ReadGroup(JsonElement element, string name, string path, int depth)
    {
        RequireOnly(element, path, name);
        var items = RequireArray(element.GetProperty(name), $"{path}.{name}");
        return new ValueList<SegmentCondition>(items.Select((item, i) => ReadCondition(item, $"{path}.{name}[{i}]", depth + 1)));
    }

    private NotCondition ReadNot(JsonElement element, string path, int depth)
    {
        RequireOnly(element, path, "not");
        return new NotCondition(ReadCondition(element.GetProperty("not"), $"{path}.not", depth + 1));
    }

    private static MembershipCondition ReadMembership(JsonElement element, string path)
    {
        RequireOnly(element, path, "segment");
        return new MembershipCondition(RequireName(element.GetProperty("segment"), $"{path}.segment"));
    }

    private PropertyCondition ReadProperty(JsonElement element, string path, bool inEventFilter)
    {
        var propertyPath = RequirePath(element.GetProperty("property"), $"{path}.property");
        if (!element.TryGetProperty("op", out var opElement))
        {
            throw new SegmentDefinitionException(path, "missing field 'op'");
        }
        var opName = RequireString(opElement, $"{path}.op");
        if (!OperatorNames.Property.TryGetValue(opName, out var op))
        {
            throw new SegmentDefinitionException($"{path}.op", $"unknown operator '{opName}'; expected one of {string.Join(", ", OperatorNames.Property.Keys)}");
        }
        if (inEventFilter && op is PropertyOperator.WithinLast or PropertyOperator.WithinNext or PropertyOperator.Anniversary)
        {
            throw new SegmentDefinitionException($"{path}.op", $"operator '{opName}' is relative to the current time and cannot filter events (a filter is applied when an event is recorded)");
        }
        switch (op)
        {
            case PropertyOperator.Equals or PropertyOperator.NotEquals:
                RequireOnly(element, path, "property", "op", "value");
                return new PropertyCondition(propertyPath, op, Value: RequireScalar(element, "value", path));
            case PropertyOperator.Contains or PropertyOperator.StartsWith or PropertyOperator.EndsWith:
                RequireOnly(element, path, "property", "op", "value");
                return new PropertyCondition(propertyPath, op, Value: ConditionValue.Of(RequireString(Field(element, "value", path), $"{path}.value")));
            case PropertyOperator.GreaterThan or PropertyOperator.GreaterOrEqual or PropertyOperator.LessThan or PropertyOperator.LessOrEqual:
                RequireOnly(element, path, "property", "op", "value");
                return new PropertyCondition(propertyPath, op, Value: ConditionValue.Of(RequireNumber(Field(element, "value", path), $"{path}.value")));
            case PropertyOperator.Before or PropertyOperator.After:
                RequireOnly(element, path, "property", "op", "value");
                var date = RequireString(Field(element, "value", path), $"{path}.value");
                return new PropertyCondition(propertyPath, op, Value: ConditionValue.Of(RequireDate(date, $"{path}.value")));
            case PropertyOperator.In:
                RequireOnly(element, path, "property", "op", "values");
                var list = RequireArray(Field(element, "values", path), $"{path}.values");
                return new PropertyCondition(propertyPath, op, Values: new ValueList<ConditionValue>(list.Select((v, i) => ToScalar(v, $"{path}.values[{i}]"))));
            case PropertyOperator.Between:
                RequireOnly(element, path, "property", "op", "values");
                var bounds = RequireArray(Field(element, "values", path), $"{path}.values");
                if (bounds.Count != 2)
                {
                    throw new SegmentDefinitionException($"{path}.values", "between takes exactly two numbers [low, high]");
                }
                var low = RequireNumber(bounds[0], $"{path}.values[0]");
                var high = RequireNumber(bounds[1], $"{path}.values[1]");
                if (low > high)
                {
                    throw new SegmentDefinitionException($"{path}.values", $"low bound {Format(low)} is greater than high bound {Format(high)}");
                }
                return new PropertyCondition(propertyPath, op, Values: ValueList.Of(ConditionValue.Of(low), ConditionValue.Of(high)));
            case PropertyOperator.WithinLast or PropertyOperator.WithinNext:
                RequireOnly(element, path, "property", "op", "days");
                return new PropertyCondition(propertyPath, op, Days: RequirePositive(Field(element, "days", path), $"{path}.days", limits.MaxTraitDays));
            default:
                RequireOnly(element, path, "property", "op");
                return new PropertyCondition(propertyPath, op);
        }
    }

    private EventCondition ReadEvent(JsonElement element, string path)
    {
        RequireOnly(element, path, "event", "did", "where", "count", "aggregate", "within");
        var name = RequireName(element.GetProperty("event"), $"{path}.event");
        var did = true;
        if (element.TryGetProperty("did", out var didElement))
        {
            if (didElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new SegmentDefinitionException($"{path}.did", $"expected a boolean, found {Describe(didElement)}");
            }
            did = didElement.GetBoolean();
        }
        var filters = new List<PropertyCondition>();
        if (element.TryGetProperty("where", out var where))
        {
            var items = RequireArray(where, $"{path}.where");
            for (var i = 0; i < items.Count; i++)
            {
                var itemPath = $"{path}.where[{i}]";
                RequireObject(items[i], itemPath);
                if (!items[i].TryGetProperty("property", out _))
                {
                    throw new SegmentDefinitionException(itemPath, "an event filter is a property condition: missing field 'property'");
                }
                filters.Add(ReadProperty(items[i], itemPath, inEventFilter: true));
            }
        }
        CountRule? count = null;
        if (element.TryGetProperty("count", out var countElement))
        {
            count = ReadCount(countElement, $"{path}.count");
        }
        EventAggregate? aggregate = null;
        if (element.TryGetProperty("aggregate", out var aggregateElement))
        {
            if (count is not null)
            {
                throw new SegmentDefinitionException(path, "fields count and aggregate cannot be combined in one event condition");
            }
            aggregate = ReadAggregate(aggregateElement, $"{path}.aggregate");
        }
        var window = element.TryGetProperty("within", out var within) ? ReadWindow(within, $"{path}.within") : EventWindow.Ever;
        return new EventCondition(name, did, new ValueList<PropertyCondition>(filters), count, aggregate, window);
    }

    private CountRule ReadCount(JsonElement element, string path)
    {
        RequireObject(element, path);
        var fields = element.EnumerateObject().ToList();
        if (fields.Count != 1 || !OperatorNames.Count.TryGetValue(fields[0].Name, out var comparison))
        {
            throw new SegmentDefinitionException(path, "expected exactly one of atLeast, atMost, exactly");
        }
        var fieldPath = $"{path}.{fields[0].Name}";
        var times = RequireInteger(fields[0].Value, fieldPath);
        var minimum = comparison == CountComparison.AtLeast ? 1 : 0;
        if (times < minimum || times > limits.MaxCount)
        {
            throw new SegmentDefinitionException(fieldPath, $"must be between {minimum} and {limits.MaxCount}, found {times}");
        }
        return new CountRule(comparison, times);
    }

    private static EventAggregate ReadAggregate(JsonElement element, string path)
    {
        RequireObject(element, path);
        RequireOnly(element, path, "fn", "property", "op", "value");
        var fnName = RequireString(Field(element, "fn", path), $"{path}.fn");
        if (!OperatorNames.Aggregate.TryGetValue(fnName, out var fn))
        {
            throw new SegmentDefinitionException($"{path}.fn", $"unknown aggregate '{fnName}'; expected one of {string.Join(", ", OperatorNames.Aggregate.Keys)}");
        }
        var property = RequirePath(Field(element, "property", path), $"{path}.property");
        var opName = RequireString(Field(element, "op", path), $"{path}.op");
        if (!OperatorNames.Property.TryGetValue(opName, out var op) || !OperatorNames.AggregateComparisons.Contains(op))
        {
            throw new SegmentDefinitionException($"{path}.op", $"unknown aggregate comparison '{opName}'; expected one of equals, greaterThan, greaterOrEqual, lessThan, lessOrEqual");
        }
        return new EventAggregate(fn, property, op, RequireNumber(Field(element, "value", path), $"{path}.value"));
    }

    private EventWindow ReadWindow(JsonElement element, string path)
    {
        RequireObject(element, path);
        if (element.TryGetProperty("days", out var days))
        {
            RequireOnly(element, path, "days");
            return EventWindow.LastDays(RequirePositive(days, $"{path}.days", limits.MaxWindowDays));
        }
        if (element.TryGetProperty("hours", out var hours))
        {
            RequireOnly(element, path, "hours");
            return EventWindow.LastHours(RequirePositive(hours, $"{path}.hours", limits.MaxWindowHours));
        }
        if (element.TryGetProperty("from", out _) || element.TryGetProperty("to", out _))
        {
            RequireOnly(element, path, "from", "to");
            var from = RequireDay(Field(element, "from", path), $"{path}.from");
            var to = RequireDay(Field(element, "to", path), $"{path}.to");
            if (from > to)
            {
                throw new SegmentDefinitionException(path, $"from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}");
            }
            return EventWindow.Between(from, to);
        }
        throw new SegmentDefinitionException(path, "expected {\"days\": N}, {\"hours\": N} or {\"from\": \"yyyy-MM-dd\", \"to\": \"yyyy-MM-dd\"} (leave the field out for ever)");
    }

    private static JsonElement Field(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? value : throw new SegmentDefinitionException(path, $"missing field '{name}'");

    private static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SegmentDefinitionException(path, $"expected an object, found {Describe(element)}");
        }
    }

    private static void RequireOnly(JsonElement element, string path, params string[] allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in element.EnumerateObject())
        {
            if (!seen.Add(field.Name))
            {
                throw new SegmentDefinitionException(path, $"field '{field.Name}' appears twice");
            }
            if (!allowed.Contains(field.Name, StringComparer.Ordinal))
            {
                throw new SegmentDefinitionException(path, $"unknown field '{field.Name}'; expected {string.Join(", ", allowed)}");
            }
        }
    }

    private List<JsonElement> RequireArray(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new SegmentDefinitionException(path, $"expected an array, found {Describe(element)}");
        }
        var items = element.EnumerateArray().ToList();
        if (items.Count == 0)
        {
            throw new SegmentDefinitionException(path, "must not be empty");
        }
        if (items.Count > limits.MaxListLength)
        {
            throw new SegmentDefinitionException(path, $"holds {items.Count} items, more than {limits.MaxListLength}");
        }
        return items;
    }

    private static string RequireString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new SegmentDefinitionException(path, $"expected a string, found {Describe(element)}");

    private static string RequireName(JsonElement element, string path)
    {
        var name = RequireString(element, path);
        return string.IsNullOrWhiteSpace(name) ? throw new SegmentDefinitionException(path, "must not be empty") : name;
    }

    private static string RequirePath(JsonElement element, string path)
    {
        var value = RequireName(element, path);
        if (value.Split('.').Any(string.IsNullOrEmpty))
        {
            throw new SegmentDefinitionException(path, $"'{value}' is not a dot-separated path");
        }
        return value;
    }

    private static double RequireNumber(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new SegmentDefinitionException(path, $"expected a number, found {Describe(element)}");

    private static int RequireInteger(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value)
            ? value
            : throw new SegmentDefinitionException(path, $"expected an integer, found {Describe(element)}");

    private static int RequirePositive(JsonElement element, string path, int max)
    {
        var value = RequireInteger(element, path);
        return value < 1 || value > max
            ? throw new SegmentDefinitionException(path, $"must be between 1 and {max}, found {value}")
            : value;
    }

    private static ConditionValue RequireScalar(JsonElement element, string name, string path) =>
        ToScalar(Field(element, name, path), $"{path}.{name}");

    private static ConditionValue ToScalar(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => ConditionValue.Of(element.GetString()!),
        JsonValueKind.Number => ConditionValue.Of(RequireNumber(element, path)),
        JsonValueKind.True => ConditionValue.Of(true),
        JsonValueKind.False => ConditionValue.Of(false),
        _ => throw new SegmentDefinitionException(path, $"expected a string, number or boolean, found {Describe(element)}"),
    };

    private static string RequireDate(string text, string path) =>
        SegmentDates.TryParseInstant(text, out var instant)
            ? SegmentDates.Format(instant)
            : throw new SegmentDefinitionException(path, $"'{text}' is not an ISO 8601 date (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ)");

    private static DateOnly RequireDay(JsonElement element, string path)
    {
        var text = RequireString(element, path);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new SegmentDefinitionException(path, $"'{text}' is not a date (yyyy-MM-dd)");
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
