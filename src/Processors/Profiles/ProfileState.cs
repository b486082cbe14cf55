using System.Text.Json.Nodes;
using Streaming.Processors.Identity;

namespace Streaming.Processors.Profiles;

/// <summary>
/// The current state of one profile: what the profile stream's events fold to, and what the
/// <c>cdp.profiles</c> read-model row holds. Mutable on purpose: it lives in a partition's cache
/// and only that partition's single worker touches it.
/// </summary>
public sealed class ProfileState
{
    public required Guid Id { get; init; }

    public required string TenantId { get; init; }

    /// <summary>Stream version (count of events in the profile stream); 0 = not yet stored.</summary>
    public long Version { get; set; }

    public JsonObject Traits { get; set; } = [];

    public HashSet<Identifier> Identifiers { get; } = [];

    public long EventCount { get; set; }

    public long TrackCount { get; set; }

    public long PageCount { get; set; }

    public long IdentifyCount { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>The traits and identifiers JSON as the store holds them (null = not stored yet): unchanged ones are not written again.</summary>
    public (string Traits, string Identifiers)? StoredJson { get; set; }

    /// <summary>The profile's userIds (more than one only after an alias); any one makes it "identified".</summary>
    public IEnumerable<string> UserIds => Identifiers.Where(i => i.Kind == IdentifierKind.UserId).Select(i => i.Value);

    public bool IsIdentified => Identifiers.Any(i => i.Kind == IdentifierKind.UserId);

    public ProfileState Clone()
    {
        var copy = new ProfileState
        {
            Id = Id,
            TenantId = TenantId,
            Version = Version,
            Traits = (JsonObject)Traits.DeepClone(),
            EventCount = EventCount,
            TrackCount = TrackCount,
            PageCount = PageCount,
            IdentifyCount = IdentifyCount,
            FirstSeen = FirstSeen,
            LastSeen = LastSeen,
        };
        copy.Identifiers.UnionWith(Identifiers);
        return copy;
    }
}
