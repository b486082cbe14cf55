using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.History;

namespace Streaming.Domain.Segments.Evaluation;

/// <summary>
/// Evaluates a condition for one profile at one instant. Pure: the same facts and instant always
/// give the same answer, which is what lets live evaluation, backfill and preview agree.
/// </summary>
public static partial class SegmentEvaluator
{
    public static bool Evaluate(SegmentCondition condition, IProfileFacts facts, DateTimeOffset now) => condition switch
    {
        AllOf all => all.Conditions.All(c => Evaluate(c, facts, now)),
        AnyOf any => any.Conditions.Any(c => Evaluate(c, facts, now)),
        NotCondition not => !Evaluate(not.Condition, facts, now),
        PropertyCondition property => PropertyMatcher.Matches(property, facts.TryGetTrait(property.Path, out var value), value, now),
        EventCondition @event => EvaluateEvent(@event, facts.Totals(EventSeries.Of(@event), @event.Window, now)),
        MembershipCondition membership => facts.IsMemberOf(membership.SegmentId),
        _ => throw new ArgumentException($"unknown condition {condition.GetType().Name}", nameof(condition)),
    };

    /// <summary>The value of an event condition given the totals of its window.</summary>
    public static bool EvaluateEvent(EventCondition condition, EventTotals totals)
    {
        var holds = condition.Aggregate is { } aggregate
            ? AggregateHolds(aggregate, totals)
            : condition.EffectiveCount.Holds(totals.Count);
        return condition.Did ? holds : !holds;
    }

    private static bool AggregateHolds(EventAggregate aggregate, EventTotals totals)
    {
        if (totals.NumericCount == 0)
        {
            return false;
        }
        var value = aggregate.Function switch
        {
            AggregateFunction.Sum => totals.Sum,
            AggregateFunction.Avg => totals.Sum / totals.NumericCount,
            AggregateFunction.Min => totals.Min,
            _ => totals.Max,
        };
        return aggregate.Operator switch
        {
            PropertyOperator.Equals => value == aggregate.Value,
            PropertyOperator.GreaterThan => value > aggregate.Value,
            PropertyOperator.GreaterOrEqual => value >= aggregate.Value,
            PropertyOperator.LessThan => value < aggregate.Value,
            _ => value <= aggregate.Value,
        };
    }
}
