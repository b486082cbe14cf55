namespace Streaming.Domain.Segments.Conditions;

/// <summary>OR: at least one condition holds. Never empty.</summary>
public sealed record AnyOf(ValueList<SegmentCondition> Conditions) : SegmentCondition;
