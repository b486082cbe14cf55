using System.Text.Json;
using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.Evaluation;
using Streaming.Domain.Segments.Validation;

namespace Streaming.Domain.Segments.History;

/// <summary>
/// One profile's event counters, per tracked series: an all-time total, hourly buckets for the last
/// <see cref="SegmentLimits.MaxWindowHours"/> hours, daily buckets for the last
/// <see cref="SegmentLimits.MaxWindowDays"/> days (only non-empty buckets are stored), and one total
/// per fixed "between" window. So a series holds at most MaxWindowHours + MaxWindowDays buckets plus
/// its ranges (plus any buckets ahead of the clock, for events stamped in the future), whatever the
/// number of events. Every window the validator accepts is answered exactly from these.
/// </summary>
public sealed class EventHistory(SegmentLimits? limits = null)
{
    private static readonly long TicksPerHour = TimeSpan.FromHours(1).Ticks;
    private static readonly long TicksPerDay = TimeSpan.FromDays(1).Ticks;
    private readonly SegmentLimits _limits = limits ?? SegmentLimits.Default;
    private readonly Dictionary<EventSeries, SeriesCounters> _series = [];

    /// <summary>Buckets held in all series (for sizing).</summary>
    public int BucketCount => _series.Values.Sum(s => s.Hourly.Count + s.Daily.Count);

    /// <summary>Counts <paramref name="occurrence"/> in every series of the plan it matches.</summary>
    public void Record(EventOccurrence occurrence, EventTrackingPlan plan, DateTimeOffset now)
    {
        foreach (var tracked in plan.For(occurrence.Name))
        {
            if (!Matches(tracked.Series, occurrence))
            {
                continue;
            }
            double? value = tracked.Series.Property is { } property
                && occurrence.TryGetField(property, out var field)
                && field.ValueKind == JsonValueKind.Number
                && field.TryGetDouble(out var number) ? number : null;
            if (!_series.TryGetValue(tracked.Series, out var counters))
            {
                _series[tracked.Series] = counters = new SeriesCounters();
            }
            counters.AllTime = counters.AllTime.Add(value);
            foreach (var range in tracked.Ranges)
            {
                var (start, end) = range.Range;
                if (occurrence.Timestamp >= start && occurrence.Timestamp < end)
                {
                    counters.Ranges[range] = counters.Ranges.GetValueOrDefault(range, EventTotals.Empty).Add(value);
                }
            }
            Add(counters.Hourly, HourIndex(occurrence.Timestamp), HourIndex(now) - (_limits.MaxWindowHours - 1), value);
            Add(counters.Daily, DayIndex(occurrence.Timestamp), DayIndex(now) - (_limits.MaxWindowDays - 1), value);
        }
    }

    /// <summary>Drops the buckets no accepted window can reach at <paramref name="now"/> or later.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var counters in _series.Values)
        {
            Prune(counters.Hourly, HourIndex(now) - (_limits.MaxWindowHours - 1));
            Prune(counters.Daily, DayIndex(now) - (_limits.MaxWindowDays - 1));
        }
    }

    public EventTotals Totals(EventSeries series, EventWindow window, DateTimeOffset now)
    {
        if (!_series.TryGetValue(series, out var counters))
        {
            return EventTotals.Empty;
        }
        return window.Kind switch
        {
            EventWindowKind.Ever => counters.AllTime,
            EventWindowKind.BetweenDates => counters.Ranges.GetValueOrDefault(window, EventTotals.Empty),
            _ => Buckets(series, window, now).Aggregate(EventTotals.Empty, (sum, b) => sum.Combine(b.Totals)),
        };
    }

    /// <summary>The non-empty buckets of a relative window at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<EventBucket> Buckets(EventSeries series, EventWindow window, DateTimeOffset now)
    {
        if (!window.IsRelative || !_series.TryGetValue(series, out var counters))
        {
            return [];
        }
        var hourly = window.Kind == EventWindowKind.LastHours;
        var buckets = hourly ? counters.Hourly : counters.Daily;
        var first = hourly ? HourIndex(window.LowerBound(now)) : DayIndex(window.LowerBound(now));
        var unit = hourly ? TicksPerHour : TicksPerDay;
        return [.. buckets.Where(b => b.Key >= first).Select(b => new EventBucket(new DateTimeOffset(b.Key * unit, TimeSpan.Zero), b.Value))];
    }

    private static bool Matches(EventSeries series, EventOccurrence occurrence)
    {
        foreach (var filter in series.Filters)
        {
            var found = occurrence.TryGetField(filter.Path, out var value);
            if (!PropertyMatcher.Matches(filter, found, value, occurrence.Timestamp))
            {
                return false;
            }
        }
        return true;
    }

    private static void Add(SortedDictionary<long, EventTotals> buckets, long index, long oldestKept, double? value)
    {
        if (index < oldestKept)
        {
            return;
        }
        buckets[index] = buckets.GetValueOrDefault(index, EventTotals.Empty).Add(value);
        Prune(buckets, oldestKept);
    }

    private static void Prune(SortedDictionary<long, EventTotals> buckets, long oldestKept)
    {
        while (buckets.Count > 0 && buckets.Keys.First() is var oldest && oldest < oldestKept)
        {
            buckets.Remove(oldest);
        }
    }

    private static long HourIndex(DateTimeOffset instant) => Floor(instant.UtcTicks, TicksPerHour);

    private static long DayIndex(DateTimeOffset instant) => Floor(instant.UtcTicks, TicksPerDay);

    private static long Floor(long ticks, long unit) => ticks / unit;

    private sealed class SeriesCounters
    {
        public EventTotals AllTime { get; set; } = EventTotals.Empty;

        public SortedDictionary<long, EventTotals> Hourly { get; } = [];

        public SortedDictionary<long, EventTotals> Daily { get; } = [];

        public Dictionary<EventWindow, EventTotals> Ranges { get; } = [];
    }
}
