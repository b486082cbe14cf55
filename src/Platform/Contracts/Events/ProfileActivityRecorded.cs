using System.Text.Json.Serialization;

namespace Streaming.Platform.Contracts.Events;

/// <summary>A track, page, screen or group call applied to the profile (<c>profile.activity_recorded</c>).</summary>
/// <param name="MessageId">The message's id (the Segment messageId).</param>
/// <param name="Call">The Segment call: track, page, screen or group (stored as <c>type</c>).</param>
/// <param name="Timestamp">When it happened (the client's time).</param>
/// <param name="ReceivedAt">When ingest accepted it.</param>
/// <param name="Name">The track event's or page's name.</param>
/// <param name="Properties">The call's properties as sent.</param>
/// <param name="Traits">Trait operators found in the properties (PostHog style), if any.</param>
/// <param name="Linked">Identifiers the message newly linked to the profile, if any.</param>
public sealed record ProfileActivityRecorded(
    string MessageId,
    [property: JsonPropertyName("type")] string Call,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    string? Name = null,
    RawJson? Properties = null,
    ProfileTraitChanges? Traits = null,
    IReadOnlyList<ProfileIdentifier>? Linked = null) : IDomainEvent
{
    public static string TypeName => ProfileEventTypes.ActivityRecorded;
}
