namespace Streaming.Domain.Segments.Conditions;

/// <summary>NOT: the condition does not hold.</summary>
public sealed record NotCondition(SegmentCondition Condition) : SegmentCondition;
