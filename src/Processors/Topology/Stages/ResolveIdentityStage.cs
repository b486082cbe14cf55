using System.Text.Json.Nodes;
using Streaming.Platform.Contracts.Events;
using Streaming.Processors.Identity;
using Streaming.Processors.Model;
using Streaming.Processors.Profiles;

namespace Streaming.Processors.Topology.Stages;

/// <summary>
/// Stage "resolve-identity": finds (or creates) the one profile a message belongs to from its
/// userId, anonymousId, email and phone, merging profiles the message proves are one person.
/// <para>Rules (PostHog's and Segment's, made explicit):</para>
/// <list type="bullet">
/// <item>Junk identifiers (see <see cref="JunkIdentifiers"/>) are dropped before resolution: they never link or merge.</item>
/// <item>A message's userId decides: the profile holding it survives; if no profile holds it, an
///   anonymous profile found by the other identifiers is promoted, or a new profile is made.</item>
/// <item>Two profiles with different userIds are never merged by identify or track (a shared
///   email or device does not make two customers one); the identifier stays where it is.
///   Only an explicit alias merges them.</item>
/// <item>Survivor precedence among mergeable profiles: holds the message's userId, then identified,
///   then first seen earliest, then lowest id. The survivor's traits win; the loser's fill gaps.</item>
/// </list>
/// </summary>
public sealed class ResolveIdentityStage : IProfileStage
{
    public const string StageName = "resolve-identity";

    public string Name => StageName;

    public StageReads Reads => StageReads.Identifiers | StageReads.Profiles;

    public StageEmits Emits => StageEmits.DomainEvents | StageEmits.ReadModelWrites;

    public void Apply(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var links = context.Batch.Changes.Links;
        var before = links.Count;
        context.Profile = Resolve(context.Message, context.Identifiers, context.Batch);
        context.Linked = before == links.Count ? [] : [.. links.Skip(before).Select(l => l.Identifier.Id)];
    }

    public static List<Identifier> IdentifiersOf(InboundEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var ids = IdentifierExtractor.Extract(message);
        if (message.Kind == EventKind.Alias && message.PreviousId is { } previous)
        {
            // Segment's previousId is an earlier userId or an anonymousId: either may hold the profile.
            foreach (var kind in (ReadOnlySpan<IdentifierKind>)[IdentifierKind.UserId, IdentifierKind.AnonymousId])
            {
                if (IdentifierExtractor.Normalise(kind, previous) is { } id && !ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>The profile the message applies to, after any merges; null when it must be dropped.</summary>
    public static ProfileState Resolve(InboundEvent message, List<Identifier> ids, BatchState batch)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(batch);
        var tenant = message.TenantId;
        var found = new List<ProfileState>();
        foreach (var id in ids)
        {
            if (batch.Links.TryGetValue(new TenantIdentifier(tenant, id), out var profileId)
                && batch.Profiles.TryGetValue(batch.Live(profileId), out var profile)
                && !found.Contains(profile))
            {
                found.Add(profile);
            }
        }

        var userId = IdentifierExtractor.Normalise(IdentifierKind.UserId, message.UserId);
        var isAlias = message.Kind == EventKind.Alias;
        var survivor = ChooseSurvivor(found, userId, isAlias) ?? Create(message, batch);

        // The survivor is about to hold the message's userId, so it counts as identified by it already.
        var survivorUsers = survivor.UserIds.ToHashSet();
        if (userId is { } incoming)
        {
            survivorUsers.Add(incoming.Value);
        }

        foreach (var other in found)
        {
            if (other == survivor)
            {
                continue;
            }

            var twoCustomers = other.IsIdentified && survivorUsers.Count > 0 && !other.UserIds.Any(survivorUsers.Contains);
            if (isAlias || !twoCustomers)
            {
                Merge(other, survivor, message, batch);
                survivorUsers.UnionWith(other.UserIds);
            }
        }

        foreach (var id in ids)
        {
            var key = new TenantIdentifier(tenant, id);
            if (!batch.Links.TryGetValue(key, out var holder) || !batch.Profiles.ContainsKey(batch.Live(holder)))
            {
                batch.Links[key] = survivor.Id;
                survivor.Identifiers.Add(id);
                batch.Changes.Links.Add(new NewLink(key, survivor.Id));
            }
        }

        return survivor;
    }

    private static ProfileState? ChooseSurvivor(List<ProfileState> found, Identifier? userId, bool isAlias)
    {
        if (found.Count == 0)
        {
            return null;
        }

        if (userId is { } uid)
        {
            var holder = found.FirstOrDefault(p => p.Identifiers.Contains(uid));
            if (holder is not null)
            {
                return holder;
            }

            // A new userId may promote an anonymous profile, never take over another customer's.
            var candidates = isAlias ? found : found.Where(p => !p.IsIdentified).ToList();
            return candidates.Count == 0 ? null : Best(candidates);
        }

        return Best(found);
    }

    private static ProfileState Best(List<ProfileState> profiles) => profiles
        .OrderByDescending(p => p.IsIdentified)
        .ThenBy(p => p.FirstSeen)
        .ThenBy(p => p.Id)
        .First();

    private static ProfileState Create(InboundEvent message, BatchState batch)
    {
        var profile = new ProfileState
        {
            Id = TimeOrderedId.NewVersion7(message.Timestamp),
            TenantId = message.TenantId,
            FirstSeen = message.Timestamp,
            LastSeen = message.Timestamp,
        };
        batch.Profiles[profile.Id] = profile;
        batch.StoredVersions[profile.Id] = 0;
        batch.Touched.Add(profile.Id);
        return profile;
    }

    private static void Merge(ProfileState loser, ProfileState survivor, InboundEvent message, BatchState batch)
    {
        var filled = new JsonObject();
        foreach (var (key, value) in loser.Traits)
        {
            if (!survivor.Traits.ContainsKey(key))
            {
                survivor.Traits[key] = value?.DeepClone();
                filled[key] = value?.DeepClone();
            }
        }

        survivor.Identifiers.UnionWith(loser.Identifiers);
        survivor.EventCount += loser.EventCount;
        survivor.TrackCount += loser.TrackCount;
        survivor.PageCount += loser.PageCount;
        survivor.IdentifyCount += loser.IdentifyCount;
        if (loser.FirstSeen < survivor.FirstSeen)
        {
            survivor.FirstSeen = loser.FirstSeen;
        }

        if (loser.LastSeen > survivor.LastSeen)
        {
            survivor.LastSeen = loser.LastSeen;
        }

        foreach (var id in loser.Identifiers)
        {
            batch.Links[new TenantIdentifier(loser.TenantId, id)] = survivor.Id;
        }

        batch.AddEvent(survivor, message.MessageId, new ProfileMerged(
            loser.Id, EventIdentifiers(loser.Identifiers), new RawJson(filled.ToJsonString()),
            loser.EventCount, loser.TrackCount, loser.PageCount, loser.IdentifyCount, loser.FirstSeen, loser.LastSeen), message.Timestamp);
        batch.AddEvent(loser, message.MessageId, new ProfileMergedInto(survivor.Id), message.Timestamp);

        batch.MergedInto[loser.Id] = survivor.Id;
        batch.Profiles.Remove(loser.Id);
    }

    /// <summary>Identifiers as the profile events name them.</summary>
    public static List<ProfileIdentifier> EventIdentifiers(IEnumerable<Identifier> ids) =>
        [.. ids.Select(i => new ProfileIdentifier(Identifier.KindName(i.Kind), i.Value))];

    public static JsonArray IdentifiersJson(IEnumerable<Identifier> ids) =>
        new([.. ids.Select(i => (JsonNode)new JsonObject { ["type"] = Identifier.KindName(i.Kind), ["value"] = i.Value })]);
}
