namespace Streaming.Domain.Segments.Conditions;

/// <summary>The profile is a member of another segment (by id; ids compare ordinally).</summary>
public sealed record MembershipCondition(string SegmentId) : SegmentCondition;
