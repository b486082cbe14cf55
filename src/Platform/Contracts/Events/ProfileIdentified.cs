using System.Text.Json.Serialization;

namespace Streaming.Platform.Contracts.Events;

/// <summary>An identify applied to the profile (<c>profile.identified</c>).</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="Call">Always <c>identify</c> (stored as <c>type</c>, like the other call events).</param>
/// <param name="Timestamp">When it happened (the client's time).</param>
/// <param name="ReceivedAt">When ingest accepted it.</param>
/// <param name="Properties">Properties, when the identify carried any.</param>
/// <param name="Traits">The trait operations: the identify's traits are <c>$set</c>.</param>
/// <param name="Linked">Identifiers the message newly linked to the profile, if any.</param>
public sealed record ProfileIdentified(
    string MessageId,
    [property: JsonPropertyName("type")] string Call,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    RawJson? Properties = null,
    ProfileTraitChanges? Traits = null,
    IReadOnlyList<ProfileIdentifier>? Linked = null) : IDomainEvent
{
    public const string IdentifyCall = "identify";

    public static string TypeName => ProfileEventTypes.Identified;
}
