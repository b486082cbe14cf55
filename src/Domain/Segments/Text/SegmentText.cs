using System.Globalization;
using System.Text;
using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Segments.Text;

/// <summary>
/// The readable form of a condition, for lists, previews and logs (it is not parsed back: JSON is
/// the stored form). Groups inside groups are parenthesised; strings are double-quoted with
/// <c>\</c> and <c>"</c> escaped.
/// </summary>
public static class SegmentText
{
    public static string Print(SegmentCondition condition)
    {
        var text = new StringBuilder();
        Append(text, condition, nested: false);
        return text.ToString();
    }

    private static void Append(StringBuilder text, SegmentCondition condition, bool nested)
    {
        switch (condition)
        {
            case AllOf all:
                AppendGroup(text, all.Conditions, " AND ", nested);
                break;
            case AnyOf any:
                AppendGroup(text, any.Conditions, " OR ", nested);
                break;
            case NotCondition not:
                text.Append("NOT (");
                Append(text, not.Condition, nested: false);
                text.Append(')');
                break;
            case PropertyCondition property:
                AppendProperty(text, property);
                break;
            case EventCondition @event:
                AppendEvent(text, @event);
                break;
            case MembershipCondition membership:
                text.Append("in segment ").Append(Quote(membership.SegmentId));
                break;
            default:
                throw new ArgumentException($"unknown condition {condition.GetType().Name}", nameof(condition));
        }
    }

    private static void AppendGroup(StringBuilder text, ValueList<SegmentCondition> conditions, string separator, bool nested)
    {
        var parenthesise = nested && conditions.Count > 1;
        if (parenthesise)
        {
            text.Append('(');
        }
        for (var i = 0; i < conditions.Count; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }
            Append(text, conditions[i], nested: true);
        }
        if (parenthesise)
        {
            text.Append(')');
        }
    }

    private static void AppendProperty(StringBuilder text, PropertyCondition c)
    {
        text.Append(c.Path).Append(' ');
        text.Append(c.Operator switch
        {
            PropertyOperator.Equals => $"= {Literal(c.Value!.Value)}",
            PropertyOperator.NotEquals => $"!= {Literal(c.Value!.Value)}",
            PropertyOperator.Contains => $"contains {Literal(c.Value!.Value)}",
            PropertyOperator.StartsWith => $"starts with {Literal(c.Value!.Value)}",
            PropertyOperator.EndsWith => $"ends with {Literal(c.Value!.Value)}",
            PropertyOperator.In => $"in ({string.Join(", ", c.Values!.Select(Literal))})",
            PropertyOperator.GreaterThan => $"> {Literal(c.Value!.Value)}",
            PropertyOperator.GreaterOrEqual => $">= {Literal(c.Value!.Value)}",
            PropertyOperator.LessThan => $"< {Literal(c.Value!.Value)}",
            PropertyOperator.LessOrEqual => $"<= {Literal(c.Value!.Value)}",
            PropertyOperator.Between => $"between {Literal(c.Values![0])} and {Literal(c.Values![1])}",
            PropertyOperator.Exists => "exists",
            PropertyOperator.NotExists => "does not exist",
            PropertyOperator.IsTrue => "is true",
            PropertyOperator.IsFalse => "is false",
            PropertyOperator.Before => $"before {c.Value!.Value.Text}",
            PropertyOperator.After => $"after {c.Value!.Value.Text}",
            PropertyOperator.WithinLast => $"within the last {Days(c.Days!.Value)}",
            PropertyOperator.WithinNext => $"within the next {Days(c.Days!.Value)}",
            _ => "has its anniversary today",
        });
    }

    private static void AppendEvent(StringBuilder text, EventCondition c)
    {
        text.Append(c.Did ? "did " : "did not do ").Append(Quote(c.EventName));
        if (c.Filters.Count > 0)
        {
            text.Append(" where ");
            for (var i = 0; i < c.Filters.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(" AND ");
                }
                AppendProperty(text, c.Filters[i]);
            }
        }
        if (c.Count is { } count)
        {
            var times = count.Times == 1 ? "1 time" : $"{count.Times} times";
            text.Append(count.Comparison switch
            {
                CountComparison.AtLeast => " at least ",
                CountComparison.AtMost => " at most ",
                _ => " exactly ",
            }).Append(times);
        }
        if (c.Aggregate is { } aggregate)
        {
            var function = aggregate.Function switch
            {
                AggregateFunction.Sum => "sum",
                AggregateFunction.Avg => "average",
                AggregateFunction.Min => "minimum",
                _ => "maximum",
            };
            var comparison = aggregate.Operator switch
            {
                PropertyOperator.Equals => "=",
                PropertyOperator.GreaterThan => ">",
                PropertyOperator.GreaterOrEqual => ">=",
                PropertyOperator.LessThan => "<",
                _ => "<=",
            };
            text.Append(" with ").Append(function).Append(" of ").Append(aggregate.Property)
                .Append(' ').Append(comparison).Append(' ').Append(aggregate.Value.ToString(CultureInfo.InvariantCulture));
        }
        var w = c.Window;
        text.Append(w.Kind switch
        {
            EventWindowKind.LastDays => $" in the last {Days(w.Amount)}",
            EventWindowKind.LastHours => w.Amount == 1 ? " in the last hour" : $" in the last {w.Amount} hours",
            EventWindowKind.BetweenDates => $" between {w.From:yyyy-MM-dd} and {w.To:yyyy-MM-dd}",
            _ => " ever",
        });
    }

    private static string Days(int days) => days == 1 ? "day" : $"{days} days";

    private static string Literal(ConditionValue value) =>
        value.Kind == ConditionValueKind.Text ? Quote(value.Text!) : value.ToString();

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
