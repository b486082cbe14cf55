using Streaming.Platform.Contracts.Events;
using Streaming.Processors.Profiles;

namespace Streaming.Processors.Topology;

/// <summary>
/// The working set of one batch: identifier links and profiles as of the lookup, changed as the
/// batch's messages are applied in order, and the changes to commit.
/// </summary>
public sealed class BatchState(BatchLookup lookup)
{
    public BatchLookup Lookup { get; } = lookup;

    public Dictionary<TenantIdentifier, Guid> Links { get; } = new(lookup.Links);

    public Dictionary<Guid, ProfileState> Profiles { get; } = [];

    /// <summary>Version of each profile when the batch read it (0 = created in this batch).</summary>
    public Dictionary<Guid, long> StoredVersions { get; } = [];

    /// <summary>Profiles merged away in this batch, to their survivor.</summary>
    public Dictionary<Guid, Guid> MergedInto { get; } = [];

    public HashSet<Guid> Touched { get; } = [];

    public HashSet<(string TenantId, string MessageId)> SeenMessages { get; } = [];

    public BatchChanges Changes { get; } = new();

    /// <summary>The message the stages are applying now (its trace context goes into the events it causes).</summary>
    public Model.InboundEvent? Current { get; set; }

    /// <summary>Follows merges to the live profile.</summary>
    public Guid Live(Guid id)
    {
        while (MergedInto.TryGetValue(id, out var next))
        {
            id = next;
        }

        return id;
    }

    /// <summary>Adds a domain event, stored under its type name as its contract JSON.</summary>
    public void AddEvent<T>(ProfileState profile, string messageId, T data, DateTimeOffset timestamp)
        where T : IDomainEvent =>
        AddEvent(profile, messageId, T.TypeName, DomainEventSerializer.Serialize(data), timestamp);

    /// <param name="json">The event's data as JSON text.</param>
    private void AddEvent(ProfileState profile, string messageId, string type, string json, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var ordinal = (int)(profile.Version - StoredVersions[profile.Id]);
        profile.Version++;
        Touched.Add(profile.Id);
        Changes.Events.Add(new PendingEvent(
            profile.TenantId, profile.Id, PendingEvent.DeriveId(profile.TenantId, messageId, profile.Id, ordinal, timestamp), type, json, timestamp)
        {
            TraceParent = Current?.TraceParent,
        });
    }
}
