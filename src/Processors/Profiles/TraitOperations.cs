using System.Text.Json.Nodes;

namespace Streaming.Processors.Profiles;

/// <summary>
/// How a message changes traits, the way Segment and PostHog users expect:
/// <list type="bullet">
/// <item>identify <c>traits</c> (and <c>$set</c>) overwrite;</item>
/// <item><c>$set_once</c> sets a trait only when the profile does not have it yet (first touch);</item>
/// <item><c>$unset</c> (an array of names) removes traits.</item>
/// </list>
/// The operators are read from identify <c>traits</c> and from any message's <c>properties</c>
/// (PostHog style). Within one message: <c>$set_once</c>, then <c>$set</c>/traits, then <c>$unset</c>.
/// </summary>
public sealed record TraitOperations(JsonObject Set, JsonObject SetOnce, IReadOnlyList<string> Unset)
{
    public const string SetKey = "$set";
    public const string SetOnceKey = "$set_once";
    public const string UnsetKey = "$unset";

    public bool IsEmpty => Set.Count == 0 && SetOnce.Count == 0 && Unset.Count == 0;

    public static TraitOperations From(JsonObject? traits, JsonObject? properties)
    {
        var set = new JsonObject();
        var setOnce = new JsonObject();
        var unset = new List<string>();
        Collect(traits, set, setOnce, unset, plainKeysAreSet: true);
        Collect(properties, set, setOnce, unset, plainKeysAreSet: false);
        return new TraitOperations(set, setOnce, unset);
    }

    /// <summary>Applies the operations; returns true when a trait changed.</summary>
    public bool ApplyTo(JsonObject traits)
    {
        ArgumentNullException.ThrowIfNull(traits);
        var changed = false;
        foreach (var (key, value) in SetOnce)
        {
            if (!traits.ContainsKey(key))
            {
                traits[key] = value?.DeepClone();
                changed = true;
            }
        }

        foreach (var (key, value) in Set)
        {
            if (!traits.TryGetPropertyValue(key, out var old) || !JsonNode.DeepEquals(old, value))
            {
                traits[key] = value?.DeepClone();
                changed = true;
            }
        }

        foreach (var key in Unset)
        {
            changed |= traits.Remove(key);
        }

        return changed;
    }

    public JsonObject ToJson() => new()
    {
        [SetKey] = Set.DeepClone(),
        [SetOnceKey] = SetOnce.DeepClone(),
        [UnsetKey] = new JsonArray([.. Unset.Select(u => (JsonNode?)JsonValue.Create(u))]),
    };

    private static void Collect(JsonObject? source, JsonObject set, JsonObject setOnce, List<string> unset, bool plainKeysAreSet)
    {
        if (source is null)
        {
            return;
        }

        foreach (var (key, value) in source)
        {
            switch (key)
            {
                case SetKey when value is JsonObject o:
                    Copy(o, set);
                    break;
                case SetOnceKey when value is JsonObject o:
                    Copy(o, setOnce);
                    break;
                case UnsetKey when value is JsonArray names:
                    unset.AddRange(names.OfType<JsonValue>().Select(n => n.TryGetValue<string>(out var s) ? s : null).OfType<string>());
                    break;
                case UnsetKey when value is JsonValue single && single.TryGetValue<string>(out var name):
                    unset.Add(name);
                    break;
                default:
                    if (plainKeysAreSet && !key.StartsWith('$'))
                    {
                        set[key] = value?.DeepClone();
                    }

                    break;
            }
        }
    }

    private static void Copy(JsonObject from, JsonObject to)
    {
        foreach (var (key, value) in from)
        {
            to[key] = value?.DeepClone();
        }
    }
}
