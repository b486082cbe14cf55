namespace Streaming.Domain.Segments.Evaluation;

/// <summary>
/// Anniversaries: the UTC day whose month and day are the date's, every year including the date's
/// own; a 29 February falls on 28 February in years without one.
/// </summary>
public static class TraitDates
{
    public static bool IsAnniversary(DateTimeOffset date, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return AnniversaryIn(date, today.Year) == today;
    }

    /// <summary>The start of the next UTC day on which <see cref="IsAnniversary"/> changes.</summary>
    public static DateTimeOffset NextAnniversaryChange(DateTimeOffset date, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        DateOnly next;
        if (AnniversaryIn(date, today.Year) == today)
        {
            next = today.AddDays(1);
        }
        else
        {
            next = AnniversaryIn(date, today.Year) is var thisYear && thisYear > today ? thisYear : AnniversaryIn(date, today.Year + 1);
        }
        return new DateTimeOffset(next.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private static DateOnly AnniversaryIn(DateTimeOffset date, int year)
    {
        var utc = date.UtcDateTime;
        var day = utc.Month == 2 && utc.Day == 29 && !DateTime.IsLeapYear(year) ? 28 : utc.Day;
        return new DateOnly(year, utc.Month, day);
    }
}
