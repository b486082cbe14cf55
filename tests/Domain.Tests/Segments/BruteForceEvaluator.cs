using System.Globalization;
using System.Text.Json;
using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Tests.Segments;

/// <summary>
/// The reference: evaluates a condition straight from the raw trait JSON and the full list of raw
/// events, written from docs/segments.md without the production matcher, buckets or windows.
/// </summary>
internal static class BruteForceEvaluator
{
    public sealed record RawEvent(string Name, DateTimeOffset At, JsonElement Properties, JsonElement Context);

    public static bool Evaluate(SegmentCondition condition, JsonElement traits, IReadOnlyList<RawEvent> events, ISet<string> memberships, DateTimeOffset now) => condition switch
    {
        AllOf all => all.Conditions.All(c => Evaluate(c, traits, events, memberships, now)),
        AnyOf any => any.Conditions.Any(c => Evaluate(c, traits, events, memberships, now)),
        NotCondition not => !Evaluate(not.Condition, traits, events, memberships, now),
        MembershipCondition m => memberships.Contains(m.SegmentId),
        PropertyCondition p => Test(p, Lookup(traits, p.Path), now),
        EventCondition e => EvaluateEvent(e, events, now),
        _ => throw new InvalidOperationException(),
    };

    private static bool EvaluateEvent(EventCondition e, IReadOnlyList<RawEvent> events, DateTimeOffset now)
    {
        var matching = events.Where(x => x.Name == e.EventName && InWindow(e.Window, x.At, now)
            && e.Filters.All(f => Test(f, f.Path.StartsWith("context.", StringComparison.Ordinal) ? Lookup(x.Context, f.Path["context.".Length..]) : Lookup(x.Properties, f.Path), x.At)))
            .ToList();
        bool holds;
        if (e.Aggregate is { } a)
        {
            var values = matching.Select(x => Lookup(x.Properties, a.Property))
                .Where(v => v is { ValueKind: JsonValueKind.Number }).Select(v => v!.Value.GetDouble()).ToList();
            if (values.Count == 0)
            {
                holds = false;
            }
            else
            {
                var value = a.Function switch
                {
                    AggregateFunction.Sum => values.Sum(),
                    AggregateFunction.Avg => values.Sum() / values.Count,
                    AggregateFunction.Min => values.Min(),
                    _ => values.Max(),
                };
                holds = a.Operator switch
                {
                    PropertyOperator.Equals => value == a.Value,
                    PropertyOperator.GreaterThan => value > a.Value,
                    PropertyOperator.GreaterOrEqual => value >= a.Value,
                    PropertyOperator.LessThan => value < a.Value,
                    _ => value <= a.Value,
                };
            }
        }
        else
        {
            var rule = e.Count ?? new CountRule(CountComparison.AtLeast, 1);
            holds = rule.Comparison switch
            {
                CountComparison.AtLeast => matching.Count >= rule.Times,
                CountComparison.AtMost => matching.Count <= rule.Times,
                _ => matching.Count == rule.Times,
            };
        }
        return e.Did == holds;
    }

    private static bool InWindow(EventWindow w, DateTimeOffset at, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        switch (w.Kind)
        {
            case EventWindowKind.LastDays:
                return at.UtcDateTime >= utc.Date.AddDays(-(w.Amount - 1));
            case EventWindowKind.LastHours:
                var hour = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
                return at.UtcDateTime >= hour.AddHours(-(w.Amount - 1));
            case EventWindowKind.BetweenDates:
                var day = DateOnly.FromDateTime(at.UtcDateTime);
                return day >= w.From && day <= w.To;
            default:
                return true;
        }
    }

    private static JsonElement? Lookup(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }
        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    private static bool Test(PropertyCondition p, JsonElement? found, DateTimeOffset now)
    {
        if (p.Operator == PropertyOperator.Exists)
        {
            return found is not null;
        }
        if (p.Operator == PropertyOperator.NotExists)
        {
            return found is null;
        }
        if (p.Operator == PropertyOperator.NotEquals)
        {
            return found is not { } present || !Same(present, p.Value!.Value);
        }
        if (found is not { } v)
        {
            return false;
        }
        var s = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        double? n = v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        DateTimeOffset? d = s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        var text = p.Value?.Text;
        var number = p.Value?.Number ?? 0;
        return p.Operator switch
        {
            PropertyOperator.Equals => Same(v, p.Value!.Value),
            PropertyOperator.In => p.Values!.Any(x => Same(v, x)),
            PropertyOperator.Contains => s is not null && s.ToUpperInvariant().Contains(text!.ToUpperInvariant(), StringComparison.Ordinal),
            PropertyOperator.StartsWith => s is not null && s.ToUpperInvariant().StartsWith(text!.ToUpperInvariant(), StringComparison.Ordinal),
            PropertyOperator.EndsWith => s is not null && s.ToUpperInvariant().EndsWith(text!.ToUpperInvariant(), StringComparison.Ordinal),
            PropertyOperator.GreaterThan => n > number,
            PropertyOperator.GreaterOrEqual => n >= number,
            PropertyOperator.LessThan => n < number,
            PropertyOperator.LessOrEqual => n <= number,
            PropertyOperator.Between => n >= p.Values![0].Number && n <= p.Values![1].Number,
            PropertyOperator.IsTrue => v.ValueKind == JsonValueKind.True,
            PropertyOperator.IsFalse => v.ValueKind == JsonValueKind.False,
            PropertyOperator.Before => d < DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture),
            PropertyOperator.After => d > DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture),
            PropertyOperator.WithinLast => d is { } x1 && now >= x1 && now - x1 < TimeSpan.FromDays(p.Days!.Value),
            PropertyOperator.WithinNext => d is { } x2 && now < x2 && x2 - now <= TimeSpan.FromDays(p.Days!.Value),
            _ => d is { } x3 && IsAnniversary(x3.UtcDateTime, now.UtcDateTime),
        };
    }

    private static bool IsAnniversary(DateTime date, DateTime today)
    {
        if (date.Month == 2 && date.Day == 29 && !DateTime.IsLeapYear(today.Year))
        {
            return today.Month == 2 && today.Day == 28;
        }
        return today.Month == date.Month && today.Day == date.Day;
    }

    private static bool Same(JsonElement v, ConditionValue expected) => expected.Kind switch
    {
        ConditionValueKind.Text => v.ValueKind == JsonValueKind.String && string.Equals(v.GetString()!.ToUpperInvariant(), expected.Text!.ToUpperInvariant(), StringComparison.Ordinal),
        ConditionValueKind.Number => v.ValueKind == JsonValueKind.Number && v.GetDouble() == expected.Number,
        _ => v.ValueKind == (expected.Flag ? JsonValueKind.True : JsonValueKind.False),
    };
}
