namespace Streaming.Projections.EventStore;

/// <summary>
/// What travels with an event besides its data: correlation and causation ids, free headers (for
/// example W3C <c>traceparent</c>), and the time it happened (the appender's clock when not given).
/// </summary>
public sealed record EventMetadata
{
    public static EventMetadata Empty { get; } = new();

    public string? CorrelationId { get; init; }

    public string? CausationId { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public DateTimeOffset? Timestamp { get; init; }
}
