namespace Streaming.Domain.Segments.Validation;

/// <summary>
/// Bounds a definition must stay within. The window bounds are the event history's bucket bounds:
/// a window longer than the buckets kept could not be evaluated exactly, so it is rejected on save.
/// </summary>
public sealed record SegmentLimits
{
    public static SegmentLimits Default { get; } = new();

    /// <summary>Longest "in the last N days" window, and the daily buckets kept per event series.</summary>
    public int MaxWindowDays { get; init; } = 400;

    /// <summary>Longest "in the last N hours" window, and the hourly buckets kept per event series.</summary>
    public int MaxWindowHours { get; init; } = 168;

    /// <summary>Longest trait date window ("within the last / next N days"): a hundred years.</summary>
    public int MaxTraitDays { get; init; } = 36_525;

    /// <summary>Deepest nesting of groups, against hostile definitions.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most values in an "in" list, and most conditions in one group or filter list.</summary>
    public int MaxListLength { get; init; } = 1_000;

    /// <summary>Largest count in at least / at most / exactly.</summary>
    public int MaxCount { get; init; } = 1_000_000;
}
