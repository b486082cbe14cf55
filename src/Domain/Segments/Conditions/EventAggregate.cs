namespace Streaming.Domain.Segments.Conditions;

/// <summary>
/// An aggregate of a numeric event property over the matching events compared with a number, e.g.
/// sum of <c>value</c> greater or equal 100. Events whose property is missing or not a number are
/// left out; with no numeric value at all the aggregate is undefined and the rule does not hold.
/// <see cref="Operator"/> is one of equals, greaterThan, greaterOrEqual, lessThan, lessOrEqual.
/// </summary>
public sealed record EventAggregate(AggregateFunction Function, string Property, PropertyOperator Operator, double Value);
