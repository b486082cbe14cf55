using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.History;

namespace Streaming.Domain.Segments.Evaluation;

public static partial class SegmentEvaluator
{
    /// <summary>
    /// The earliest instant after <paramref name="now"/> at which the condition's value can change
    /// with no new event, trait or membership change; null when it cannot change by time alone.
    /// Never later than a real change: it is the first instant a leaf changes value (a qualifying
    /// event ages out of its window, a trait date enters or leaves its window, an anniversary day
    /// starts or ends), even when the rest of the condition masks that change, so a timer set to it
    /// re-evaluates, finds the same answer at worst, and sets the next one.
    /// </summary>
    public static DateTimeOffset? NextChangeAt(SegmentCondition condition, IProfileFacts facts, DateTimeOffset now) => condition switch
    {
        AllOf all => Earliest(all.Conditions.Select(c => NextChangeAt(c, facts, now))),
        AnyOf any => Earliest(any.Conditions.Select(c => NextChangeAt(c, facts, now))),
        NotCondition not => NextChangeAt(not.Condition, facts, now),
        PropertyCondition property => NextPropertyChange(property, facts, now),
        EventCondition @event => NextEventChange(@event, facts, now),
        _ => null,
    };

    private static DateTimeOffset? NextPropertyChange(PropertyCondition condition, IProfileFacts facts, DateTimeOffset now)
    {
        if (condition.Operator is not (PropertyOperator.WithinLast or PropertyOperator.WithinNext or PropertyOperator.Anniversary)
            || !facts.TryGetTrait(condition.Path, out var value)
            || PropertyMatcher.Date(value) is not { } date)
        {
            return null;
        }
        if (condition.Operator == PropertyOperator.Anniversary)
        {
            return TraitDates.NextAnniversaryChange(date, now);
        }
        // The condition holds for now in [start, end): it changes at whichever bound is still ahead.
        var (start, end) = condition.Operator == PropertyOperator.WithinLast
            ? (date, date.AddDays(condition.Days!.Value))
            : (date.AddDays(-condition.Days!.Value), date);
        return now < start ? start : now < end ? end : null;
    }

    private static DateTimeOffset? NextEventChange(EventCondition condition, IProfileFacts facts, DateTimeOffset now)
    {
        if (!condition.Window.IsRelative)
        {
            return null;
        }
        var buckets = facts.Buckets(EventSeries.Of(condition), condition.Window, now);
        if (buckets.Count == 0)
        {
            return null;
        }
        // remaining[i]: what the window holds once buckets 0..i-1 have aged out.
        var remaining = new EventTotals[buckets.Count + 1];
        remaining[buckets.Count] = EventTotals.Empty;
        for (var i = buckets.Count - 1; i >= 0; i--)
        {
            remaining[i] = remaining[i + 1].Combine(buckets[i].Totals);
        }
        var current = EvaluateEvent(condition, remaining[0]);
        var width = condition.Window.Unit * condition.Window.Amount;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (EvaluateEvent(condition, remaining[i + 1]) != current)
            {
                return buckets[i].Start + width;
            }
        }
        return null;
    }

    private static DateTimeOffset? Earliest(IEnumerable<DateTimeOffset?> instants)
    {
        DateTimeOffset? earliest = null;
        foreach (var instant in instants)
        {
            if (instant is { } value && (earliest is null || value < earliest))
            {
                earliest = value;
            }
        }
        return earliest;
    }
}
