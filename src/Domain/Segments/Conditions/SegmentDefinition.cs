namespace Streaming.Domain.Segments.Conditions;

/// <summary>A saved segment: its id (unique per tenant, compared ordinally) and its condition.</summary>
public sealed record SegmentDefinition(string Id, SegmentCondition Condition);
