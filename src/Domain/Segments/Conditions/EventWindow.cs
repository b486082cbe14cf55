namespace Streaming.Domain.Segments.Conditions;

/// <summary>
/// Which events count, by timestamp (UTC). Relative windows are aligned to bucket boundaries so that
/// bucketed counters are exact: "in the last N days" is every event since the start of the UTC day
/// N-1 days before today (today is one of the N days); "in the last N hours" is every event since
/// the start of the UTC hour N-1 hours before the current one. "Between" covers whole UTC days,
/// <see cref="From"/> and <see cref="To"/> both included.
/// </summary>
public sealed record EventWindow(EventWindowKind Kind, int Amount = 0, DateOnly From = default, DateOnly To = default)
{
    public static EventWindow Ever { get; } = new(EventWindowKind.Ever);

    public static EventWindow LastDays(int days) => new(EventWindowKind.LastDays, days);

    public static EventWindow LastHours(int hours) => new(EventWindowKind.LastHours, hours);

    public static EventWindow Between(DateOnly from, DateOnly to) => new(EventWindowKind.BetweenDates, 0, from, to);

    public bool IsRelative => Kind is EventWindowKind.LastDays or EventWindowKind.LastHours;

    /// <summary>The width of one bucket of a relative window.</summary>
    public TimeSpan Unit => Kind == EventWindowKind.LastHours ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

    /// <summary>The earliest timestamp a relative window holds at <paramref name="now"/>.</summary>
    public DateTimeOffset LowerBound(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var start = Kind == EventWindowKind.LastHours
            ? new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc)
            : utc.Date;
        return new DateTimeOffset(start, TimeSpan.Zero) - (Unit * (Amount - 1));
    }

    /// <summary>The half-open UTC range of a between window.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Range =>
        (new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
         new DateTimeOffset(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
