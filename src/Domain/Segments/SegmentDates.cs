using System.Globalization;

namespace Streaming.Domain.Segments;

/// <summary>
/// How dates are read from traits and definitions: ISO 8601, a missing offset meaning UTC; the
/// canonical form written back is UTC to the second (<c>2026-01-31T00:00:00Z</c>).
/// </summary>
public static class SegmentDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
    ];

    public static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset StartOfDay(DateTimeOffset instant) => new(instant.UtcDateTime.Date, TimeSpan.Zero);
}
