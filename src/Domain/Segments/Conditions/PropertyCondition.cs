namespace Streaming.Domain.Segments.Conditions;

/// <summary>
/// A test of one value at a dot-separated path: a profile trait (<c>address.city</c>) or, inside an
/// event condition's filters, an event property (<c>value</c>) or context field (<c>context.campaign.name</c>).
/// Which operand is set depends on the operator: <see cref="Value"/> for comparisons and dates,
/// <see cref="Values"/> for <c>in</c> (the list) and <c>between</c> (low, high), <see cref="Days"/>
/// for <c>withinLast</c> / <c>withinNext</c>; none for exists, is true/false and anniversary.
/// </summary>
public sealed record PropertyCondition(
    string Path,
    PropertyOperator Operator,
    ConditionValue? Value = null,
    ValueList<ConditionValue>? Values = null,
    int? Days = null) : SegmentCondition;
