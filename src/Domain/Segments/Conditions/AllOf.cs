namespace Streaming.Domain.Segments.Conditions;

/// <summary>AND: every condition holds. Never empty (an empty AND would match everyone).</summary>
public sealed record AllOf(ValueList<SegmentCondition> Conditions) : SegmentCondition;
