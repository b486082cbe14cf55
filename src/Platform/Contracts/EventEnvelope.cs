using System.Text.Json;

namespace Streaming.Platform.Contracts;

/// <summary>
/// One tracking event on <see cref="Kafka.Topics.Events"/> (<c>cdp.events</c>): the JSON value of
/// every record, whether the HTTP edge produced it or a direct Kafka producer did. Field names are
/// the Segment spec's, camelCase; absent optional fields are omitted (never <c>null</c>).
/// Decode with <see cref="EventEnvelopeSerializer.Deserialize"/>.
/// </summary>
/// <remarks>
/// The record key is <see cref="EventKey.For(string, string?, string?)"/>; the headers are named
/// in <see cref="EventHeaders"/>. Validation a consumer must apply (a direct producer can send
/// anything): <see cref="V"/> is 1, <see cref="Tenant"/>, <see cref="MessageId"/> and
/// <see cref="Type"/> are present, <see cref="Type"/> is one of <see cref="EventTypes"/>, and
/// <see cref="UserId"/> or <see cref="AnonymousId"/> is present, and the value is within
/// <see cref="Limits.EnvelopeLimits"/> (<see cref="Limits.JsonTextRules"/> over the bytes,
/// <see cref="Limits.EnvelopeRules"/> over the fields). A record that fails goes to the
/// dead-letter topic with the reason.
/// </remarks>
public sealed record EventEnvelope
{
    /// <summary>Contract version. Always 1 for this shape.</summary>
    public int V { get; init; } = 1;

    /// <summary>Tenant id (<c>cdp.tenants.id</c>) the write key belongs to.</summary>
    public required string Tenant { get; init; }

    /// <summary>
    /// Unique per event and stable across client retries: the client's <c>messageId</c>, or one
    /// the edge generated (a UUID) when the client sent none. Consumers deduplicate on
    /// (tenant, messageId).
    /// </summary>
    public required string MessageId { get; init; }

    /// <summary>One of <see cref="EventTypes"/>: track, identify, page, screen, group, alias.</summary>
    public required string Type { get; init; }

    /// <summary>The known user id; at least one of this and <see cref="AnonymousId"/> is set.</summary>
    public string? UserId { get; init; }

    /// <summary>The device or cookie id; at least one of this and <see cref="UserId"/> is set.</summary>
    public string? AnonymousId { get; init; }

    /// <summary>track: the event name ("Order Completed"). Required for track.</summary>
    public string? Event { get; init; }

    /// <summary>page and screen: the page or screen name (optional).</summary>
    public string? Name { get; init; }

    /// <summary>page: the page category (optional).</summary>
    public string? Category { get; init; }

    /// <summary>group: the group (account) id. Required for group.</summary>
    public string? GroupId { get; init; }

    /// <summary>alias: the previous id being merged into <see cref="UserId"/>. Required for alias.</summary>
    public string? PreviousId { get; init; }

    /// <summary>identify and group: traits as sent (a JSON object).</summary>
    public JsonElement? Traits { get; init; }

    /// <summary>track, page and screen: properties as sent (a JSON object).</summary>
    public JsonElement? Properties { get; init; }

    /// <summary>Context as sent (a JSON object); for a batch item, the batch's context merged under the item's.</summary>
    public JsonElement? Context { get; init; }

    /// <summary>Integrations as sent (a JSON object); for a batch item, merged like <see cref="Context"/>.</summary>
    public JsonElement? Integrations { get; init; }

    /// <summary>
    /// When the event happened, corrected for client clock skew:
    /// <c>receivedAt - (sentAt - originalTimestamp)</c> when the client sent both; otherwise the
    /// client's timestamp; otherwise <see cref="ReceivedAt"/>.
    /// </summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The client's own event time (its <c>timestamp</c> field), before correction.</summary>
    public DateTimeOffset? OriginalTimestamp { get; init; }

    /// <summary>When the client sent the request (its <c>sentAt</c>), by the client's clock.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>When the edge received the request, by the server's clock (UTC).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}
