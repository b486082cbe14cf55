namespace Streaming.Domain.Segments.Conditions;

/// <summary>
/// The profile did (or, with <see cref="Did"/> false, did not) do <see cref="EventName"/>: among its
/// events of that name that pass every filter and fall in <see cref="Window"/>, either the count
/// satisfies <see cref="Count"/> or, when <see cref="Aggregate"/> is set, the aggregate of a numeric
/// property satisfies it. "Did not" is the exact negation of "did" with the same rule.
/// </summary>
public sealed record EventCondition(
    string EventName,
    bool Did,
    ValueList<PropertyCondition> Filters,
    CountRule? Count,
    EventAggregate? Aggregate,
    EventWindow Window) : SegmentCondition
{
    /// <summary>The rule when neither a count nor an aggregate is given: at least once.</summary>
    public CountRule EffectiveCount => Count ?? new CountRule(CountComparison.AtLeast, 1);
}
