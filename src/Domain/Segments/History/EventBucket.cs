namespace Streaming.Domain.Segments.History;

/// <summary>One non-empty hourly or daily bucket: its UTC start and its totals.</summary>
public readonly record struct EventBucket(DateTimeOffset Start, EventTotals Totals);
