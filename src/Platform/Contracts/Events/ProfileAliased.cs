using System.Text.Json.Serialization;

namespace Streaming.Platform.Contracts.Events;

/// <summary>An alias linked a previous id to the profile (<c>profile.aliased</c>).</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="Call">Always <c>alias</c> (stored as <c>type</c>).</param>
/// <param name="Timestamp">When it happened (the client's time).</param>
/// <param name="ReceivedAt">When ingest accepted it.</param>
/// <param name="Properties">Properties, when the alias carried any.</param>
/// <param name="Traits">Trait operators found in the properties, if any.</param>
/// <param name="PreviousId">The earlier userId or anonymousId.</param>
/// <param name="UserId">The userId it now belongs to.</param>
/// <param name="Linked">Identifiers the message newly linked to the profile, if any.</param>
public sealed record ProfileAliased(
    string MessageId,
    [property: JsonPropertyName("type")] string Call,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    RawJson? Properties,
    ProfileTraitChanges? Traits,
    string? PreviousId,
    string? UserId,
    IReadOnlyList<ProfileIdentifier>? Linked = null) : IDomainEvent
{
    public const string AliasCall = "alias";

    public static string TypeName => ProfileEventTypes.Aliased;
}
