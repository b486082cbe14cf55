using Streaming.Platform.Contracts.Events;
using Streaming.Processors.Topology;
using Streaming.Projections.EventStore;

namespace Streaming.Processors.Gdpr;

/// <summary>
/// Every profile that is one person with a live profile: the live one and all profiles merged into
/// it, at any depth (a profile merged into one that was later merged into the live one, ...). The
/// survivor of each merge recorded <see cref="ProfileMerged.From"/> in its own stream, so the chain
/// is read from the event store one level per round trip, never by scanning other streams.
/// </summary>
public static class MergeChain
{
    /// <summary>The live profile first, then the merged ones level by level.</summary>
    public static async Task<IReadOnlyList<Guid>> FollowAsync(EventStore store, string tenantId, Guid liveProfile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var profiles = new List<Guid> { liveProfile };
        var seen = new HashSet<Guid> { liveProfile };
        List<Guid> level = [liveProfile];
        while (level.Count > 0)
        {
            var merges = await store.ReadStreamsAsync(
                tenantId, [.. level.Select(PendingEvent.StreamIdOf)], [ProfileMerged.TypeName], cancellationToken);
            level = [];
            foreach (var merge in merges.Where(m => !m.IsRedacted))
            {
                // Each profile is followed once, so even a cycle in corrupt data ends.
                var from = DomainEventSerializer.Deserialize<ProfileMerged>(merge.Json).From;
                if (seen.Add(from))
                {
                    profiles.Add(from);
                    level.Add(from);
                }
            }
        }

        return profiles;
    }
}
