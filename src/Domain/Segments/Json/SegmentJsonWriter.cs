using System.Globalization;
using System.Text.Json;
using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Segments.Json;

/// <summary>
/// Writes the canonical JSON form: fields in a fixed order, defaults left out (<c>did</c> when true,
/// <c>count</c> when neither count nor aggregate is set, <c>within</c> when ever), so equal
/// conditions always write equal text.
/// </summary>
internal static class SegmentJsonWriter
{
    public static void Write(Utf8JsonWriter writer, SegmentCondition condition)
    {
        writer.WriteStartObject();
        switch (condition)
        {
            case AllOf all:
                WriteGroup(writer, "and", all.Conditions);
                break;
            case AnyOf any:
                WriteGroup(writer, "or", any.Conditions);
                break;
            case NotCondition not:
                writer.WritePropertyName("not");
                Write(writer, not.Condition);
                break;
            case PropertyCondition property:
                WriteProperty(writer, property);
                break;
            case EventCondition @event:
                WriteEvent(writer, @event);
                break;
            case MembershipCondition membership:
                writer.WriteString("segment", membership.SegmentId);
                break;
            default:
                throw new ArgumentException($"unknown condition {condition.GetType().Name}", nameof(condition));
        }
        writer.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter writer, string name, ValueList<SegmentCondition> conditions)
    {
        writer.WriteStartArray(name);
        foreach (var child in conditions)
        {
            Write(writer, child);
        }
        writer.WriteEndArray();
    }

    private static void WriteProperty(Utf8JsonWriter writer, PropertyCondition property)
    {
        writer.WriteString("property", property.Path);
        writer.WriteString("op", OperatorNames.Name(property.Operator));
        if (property.Value is { } value)
        {
            writer.WritePropertyName("value");
            WriteValue(writer, value);
        }
        if (property.Values is { } values)
        {
            writer.WriteStartArray("values");
            foreach (var item in values)
            {
                WriteValue(writer, item);
            }
            writer.WriteEndArray();
        }
        if (property.Days is { } days)
        {
            writer.WriteNumber("days", days);
        }
    }

    private static void WriteEvent(Utf8JsonWriter writer, EventCondition condition)
    {
        writer.WriteString("event", condition.EventName);
        if (!condition.Did)
        {
            writer.WriteBoolean("did", false);
        }
        if (condition.Filters.Count > 0)
        {
            writer.WriteStartArray("where");
            foreach (var filter in condition.Filters)
            {
                Write(writer, filter);
            }
            writer.WriteEndArray();
        }
        if (condition.Count is { } count)
        {
            writer.WriteStartObject("count");
            writer.WriteNumber(OperatorNames.Name(count.Comparison), count.Times);
            writer.WriteEndObject();
        }
        if (condition.Aggregate is { } aggregate)
        {
            writer.WriteStartObject("aggregate");
            writer.WriteString("fn", OperatorNames.Name(aggregate.Function));
            writer.WriteString("property", aggregate.Property);
            writer.WriteString("op", OperatorNames.Name(aggregate.Operator));
            writer.WriteNumber("value", aggregate.Value);
            writer.WriteEndObject();
        }
        var window = condition.Window;
        switch (window.Kind)
        {
            case EventWindowKind.LastDays:
                writer.WriteStartObject("within");
                writer.WriteNumber("days", window.Amount);
                writer.WriteEndObject();
                break;
            case EventWindowKind.LastHours:
                writer.WriteStartObject("within");
                writer.WriteNumber("hours", window.Amount);
                writer.WriteEndObject();
                break;
            case EventWindowKind.BetweenDates:
                writer.WriteStartObject("within");
                writer.WriteString("from", window.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteString("to", window.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
                break;
            default:
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, ConditionValue value)
    {
        switch (value.Kind)
        {
            case ConditionValueKind.Text:
                writer.WriteStringValue(value.Text);
                break;
            case ConditionValueKind.Number:
                writer.WriteNumberValue(value.Number);
                break;
            default:
                writer.WriteBooleanValue(value.Flag);
                break;
        }
    }
}
