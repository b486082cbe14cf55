using System.Text.Json.Nodes;

namespace Streaming.Processors.Model;

/// <summary>The kinds of Segment-spec call a processor understands.</summary>
public enum EventKind
{
    Track,
    Identify,
    Page,
    Screen,
    Group,
    Alias,
}

/// <summary>
/// One decoded, validated tracking message: what the stages work on. The decode stage builds it
/// from the Kafka envelope the ingest role produces; the stages never see the wire format.
/// </summary>
public sealed record InboundEvent
{
    public required string TenantId { get; init; }

    public required string MessageId { get; init; }

    public required EventKind Kind { get; init; }

    public string? AnonymousId { get; init; }

    public string? UserId { get; init; }

    /// <summary>For <see cref="EventKind.Alias"/>: the identifier being aliased to <see cref="UserId"/>.</summary>
    public string? PreviousId { get; init; }

    /// <summary>Track event name, page or screen name, group id.</summary>
    public string? Name { get; init; }

    public JsonObject? Traits { get; init; }

    public JsonObject? Properties { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    /// <summary>W3C <c>traceparent</c> of the Kafka record, if it carried one.</summary>
    public string? TraceParent { get; init; }

    /// <summary>When ingest accepted the message (the visible-latency clock starts here).</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
