using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Segments.History;

/// <summary>
/// The events one event condition looks at, independent of its window and rule: a name, the filters
/// an event must pass, and the numeric property to aggregate (if any). Conditions that share a
/// series share its buckets.
/// </summary>
public sealed record EventSeries(string EventName, ValueList<PropertyCondition> Filters, string? Property)
{
    public static EventSeries Of(EventCondition condition) =>
        new(condition.EventName, condition.Filters, condition.Aggregate?.Property);
}
