using System.Text.Json.Serialization;

namespace Streaming.Platform.Contracts.Events;

/// <summary>
/// What a message did to the profile's traits, in the operators' own names:
/// <c>{"$set":{...},"$set_once":{...},"$unset":["..."]}</c> (applied in the order set_once, set, unset).
/// </summary>
/// <param name="Set">Traits overwritten (a JSON object).</param>
/// <param name="SetOnce">Traits set only where the profile had none (a JSON object).</param>
/// <param name="Unset">Traits removed.</param>
public sealed record ProfileTraitChanges(
    [property: JsonPropertyName("$set")] RawJson Set,
    [property: JsonPropertyName("$set_once")] RawJson SetOnce,
    [property: JsonPropertyName("$unset")] IReadOnlyList<string> Unset);
