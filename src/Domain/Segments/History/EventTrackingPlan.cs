using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Segments.History;

/// <summary>
/// Which series (and which fixed date ranges of each) the histories keep, by event name: the union
/// over the active segments' event conditions. An event whose name no segment mentions costs nothing.
/// </summary>
public sealed class EventTrackingPlan
{
    private static readonly IReadOnlyList<TrackedSeries> None = [];
    private readonly Dictionary<string, List<TrackedSeries>> _byEvent = new(StringComparer.Ordinal);

    public static EventTrackingPlan For(IEnumerable<SegmentCondition> conditions)
    {
        var plan = new EventTrackingPlan();
        foreach (var condition in conditions)
        {
            foreach (var leaf in ConditionTree.EventConditions(condition))
            {
                plan.Add(leaf);
            }
        }
        return plan;
    }

    public IReadOnlyList<TrackedSeries> For(string eventName) =>
        _byEvent.TryGetValue(eventName, out var series) ? series : None;

    public IEnumerable<TrackedSeries> All => _byEvent.Values.SelectMany(s => s);

    private void Add(EventCondition condition)
    {
        var series = EventSeries.Of(condition);
        if (!_byEvent.TryGetValue(series.EventName, out var list))
        {
            _byEvent[series.EventName] = list = [];
        }
        var tracked = list.Find(t => t.Series == series);
        if (tracked is null)
        {
            tracked = new TrackedSeries(series);
            list.Add(tracked);
        }
        if (condition.Window.Kind == EventWindowKind.BetweenDates)
        {
            tracked.AddRange(condition.Window);
        }
    }
}
