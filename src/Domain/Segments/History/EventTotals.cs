namespace Streaming.Domain.Segments.History;

/// <summary>
/// What one bucket (or a window of buckets) knows about the matching events: how many, and for the
/// series' aggregate property the count of numeric values, their sum, min and max.
/// </summary>
public readonly record struct EventTotals(long Count, long NumericCount, double Sum, double Min, double Max)
{
    public static EventTotals Empty { get; } = new(0, 0, 0, double.PositiveInfinity, double.NegativeInfinity);

    public EventTotals Add(double? value) => value is { } v
        ? new(Count + 1, NumericCount + 1, Sum + v, Math.Min(Min, v), Math.Max(Max, v))
        : this with { Count = Count + 1 };

    public EventTotals Combine(EventTotals other) =>
        new(Count + other.Count, NumericCount + other.NumericCount, Sum + other.Sum, Math.Min(Min, other.Min), Math.Max(Max, other.Max));
}
