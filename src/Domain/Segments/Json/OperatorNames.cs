using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Segments.Json;

/// <summary>The stable JSON names of operators and functions (part of the stored format: never rename).</summary>
internal static class OperatorNames
{
    public static readonly IReadOnlyDictionary<string, PropertyOperator> Property = new Dictionary<string, PropertyOperator>(StringComparer.Ordinal)
    {
        ["equals"] = PropertyOperator.Equals,
        ["notEquals"] = PropertyOperator.NotEquals,
        ["contains"] = PropertyOperator.Contains,
        ["startsWith"] = PropertyOperator.StartsWith,
        ["endsWith"] = PropertyOperator.EndsWith,
        ["in"] = PropertyOperator.In,
        ["greaterThan"] = PropertyOperator.GreaterThan,
        ["greaterOrEqual"] = PropertyOperator.GreaterOrEqual,
        ["lessThan"] = PropertyOperator.LessThan,
        ["lessOrEqual"] = PropertyOperator.LessOrEqual,
        ["between"] = PropertyOperator.Between,
        ["exists"] = PropertyOperator.Exists,
        ["notExists"] = PropertyOperator.NotExists,
        ["isTrue"] = PropertyOperator.IsTrue,
        ["isFalse"] = PropertyOperator.IsFalse,
        ["before"] = PropertyOperator.Before,
        ["after"] = PropertyOperator.After,
        ["withinLast"] = PropertyOperator.WithinLast,
        ["withinNext"] = PropertyOperator.WithinNext,
        ["anniversary"] = PropertyOperator.Anniversary,
    };

    public static readonly IReadOnlyDictionary<string, AggregateFunction> Aggregate = new Dictionary<string, AggregateFunction>(StringComparer.Ordinal)
    {
        ["sum"] = AggregateFunction.Sum,
        ["avg"] = AggregateFunction.Avg,
        ["min"] = AggregateFunction.Min,
        ["max"] = AggregateFunction.Max,
    };

    public static readonly IReadOnlyDictionary<string, CountComparison> Count = new Dictionary<string, CountComparison>(StringComparer.Ordinal)
    {
        ["atLeast"] = CountComparison.AtLeast,
        ["atMost"] = CountComparison.AtMost,
        ["exactly"] = CountComparison.Exactly,
    };

    public static readonly IReadOnlySet<PropertyOperator> AggregateComparisons = new HashSet<PropertyOperator>
    {
        PropertyOperator.Equals, PropertyOperator.GreaterThan, PropertyOperator.GreaterOrEqual,
        PropertyOperator.LessThan, PropertyOperator.LessOrEqual,
    };

    public static string Name(PropertyOperator op) => Property.First(p => p.Value == op).Key;

    public static string Name(AggregateFunction function) => Aggregate.First(p => p.Value == function).Key;

    public static string Name(CountComparison comparison) => Count.First(p => p.Value == comparison).Key;
}
