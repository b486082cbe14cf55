namespace Streaming.Platform.Contracts.Limits;

/// <summary>
/// What an <see cref="EventEnvelope"/> may hold: the edge refuses anything outside these limits
/// with a 400 naming the field, and the processors dead-letter it when a direct Kafka producer
/// sends it. Each limit is what the store can hold (PostgreSQL text, jsonb and btree keys) or what
/// the ids derived from an event accept, with room to spare; docs/ingest.md lists them.
/// </summary>
public static class EnvelopeLimits
{
    /// <summary>
    /// UTF-8 bytes of an identifier: tenant, messageId, userId, anonymousId, previousId, groupId,
    /// and the identifying traits (<see cref="IdentifyingTraits"/>). They are btree keys, which
    /// PostgreSQL caps at about 2,700 bytes per index row.
    /// </summary>
    public const int MaxIdBytes = 1024;

    /// <summary>UTF-8 bytes of an event name, a page or screen name, a page category.</summary>
    public const int MaxNameBytes = 1024;

    /// <summary>UTF-8 bytes of an object key anywhere in traits, properties, context or integrations.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>
    /// Decimal digits before the point of a JSON number: PostgreSQL's numeric (which jsonb stores
    /// numbers as) holds values below 10^131072.
    /// </summary>
    public const int MaxNumberIntegerDigits = 131_072;

    /// <summary>Decimal digits after the point of a JSON number as written (numeric's largest display scale).</summary>
    public const int MaxNumberScale = 16_383;

    /// <summary>Nesting of JSON objects and arrays in a request body or record value.</summary>
    public const int MaxDepth = 64;

    /// <summary>Traits whose string value becomes an identifier of the profile (and so a btree key).</summary>
    public static IReadOnlyList<string> IdentifyingTraits { get; } = ["email", "phone"];

    /// <summary>
    /// The earliest event time accepted (timestamp, originalTimestamp, sentAt, receivedAt):
    /// historical imports reach back to 1900; earlier dates are almost always a client's
    /// uninitialised date (0001-01-01) rather than an event.
    /// </summary>
    public static DateTimeOffset EarliestTime { get; } = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest event time accepted: the end of year 9999 (UTC), the end of .NET's date range.</summary>
    public static DateTimeOffset LatestTime { get; } = new(DateTime.MaxValue.Ticks, TimeSpan.Zero);

    /// <summary>True when <paramref name="time"/> is inside [<see cref="EarliestTime"/>, <see cref="LatestTime"/>].</summary>
    public static bool IsInTimeRange(DateTimeOffset time) => time >= EarliestTime && time <= LatestTime;

    /// <summary>The reason an event time is refused.</summary>
    public const string TimeRangeReason = "must be between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z";
}
