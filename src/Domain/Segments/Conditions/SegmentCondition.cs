namespace Streaming.Domain.Segments.Conditions;

/// <summary>
/// A node of a segment definition: a group (<see cref="AllOf"/>, <see cref="AnyOf"/>,
/// <see cref="NotCondition"/>) or a leaf (<see cref="PropertyCondition"/>, <see cref="EventCondition"/>,
/// <see cref="MembershipCondition"/>). Values of this model come only from the strict JSON reader or
/// from code, so a node always holds what its kind needs.
/// </summary>
public abstract record SegmentCondition;
