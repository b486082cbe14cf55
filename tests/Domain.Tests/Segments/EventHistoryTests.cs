using System.Text.Json;
using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.History;
using Streaming.Domain.Segments.Json;

namespace Streaming.Domain.Tests.Segments;

public sealed class EventHistoryTests
{
    private static readonly EventCondition Orders = (EventCondition)SegmentJson.Parse("""{"event":"Order Completed","within":{"days":30}}""");
    private static readonly EventTrackingPlan Plan = EventTrackingPlan.For([Orders]);

    [Fact]
    public void Buckets_stay_within_the_hourly_and_daily_bounds_however_many_events_arrive()
    {
        var history = new EventHistory();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var hour = 0; hour < 3 * 365 * 24; hour += 3)
        {
            var at = start.AddHours(hour);
            history.Record(new EventOccurrence("Order Completed", at), Plan, at);
        }

        Assert.InRange(history.BucketCount, 1, 168 + 400);
        Assert.Equal(3 * 365 * 8, history.Totals(EventSeries.Of(Orders), EventWindow.Ever, start.AddYears(3)).Count);
    }

    [Fact]
    public void An_event_older_than_the_buckets_counts_for_ever_but_in_no_relative_window()
    {
        var history = new EventHistory();
        var now = new DateTimeOffset(2026, 6, 15, 0, 0, 0, TimeSpan.Zero);
        history.Record(new EventOccurrence("Order Completed", now.AddDays(-500)), Plan, now);

        Assert.Equal(0, history.BucketCount);
        Assert.Equal(1, history.Totals(EventSeries.Of(Orders), EventWindow.Ever, now).Count);
        Assert.Equal(0, history.Totals(EventSeries.Of(Orders), EventWindow.LastDays(400), now).Count);
    }

    [Fact]
    public void Events_no_segment_mentions_are_not_kept()
    {
        var history = new EventHistory();
        var now = new DateTimeOffset(2026, 6, 15, 0, 0, 0, TimeSpan.Zero);
        history.Record(new EventOccurrence("Page Viewed", now, JsonDocument.Parse("""{"path":"/"}""").RootElement), Plan, now);

        Assert.Equal(0, history.BucketCount);
    }

    [Fact]
    public void Pruning_drops_buckets_no_window_can_reach()
    {
        var history = new EventHistory();
        var now = new DateTimeOffset(2026, 6, 15, 0, 0, 0, TimeSpan.Zero);
        history.Record(new EventOccurrence("Order Completed", now), Plan, now);
        Assert.Equal(2, history.BucketCount);

        history.Prune(now.AddDays(8));
        Assert.Equal(1, history.BucketCount);
        history.Prune(now.AddDays(400));
        Assert.Equal(0, history.BucketCount);
        Assert.Equal(1, history.Totals(EventSeries.Of(Orders), EventWindow.Ever, now.AddDays(400)).Count);
    }
}
