using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Segments;

/// <summary>Walks a condition tree.</summary>
public static class ConditionTree
{
    public static IEnumerable<SegmentCondition> Leaves(SegmentCondition condition)
    {
        switch (condition)
        {
            case AllOf all:
                return all.Conditions.SelectMany(Leaves);
            case AnyOf any:
                return any.Conditions.SelectMany(Leaves);
            case NotCondition not:
                return Leaves(not.Condition);
            default:
                return [condition];
        }
    }

    public static IEnumerable<EventCondition> EventConditions(SegmentCondition condition) =>
        Leaves(condition).OfType<EventCondition>();
}
