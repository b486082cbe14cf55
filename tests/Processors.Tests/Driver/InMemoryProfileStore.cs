using Streaming.Processors.Identity;
using Streaming.Processors.Profiles;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Tests.Driver;

/// <summary>The topology's state in memory, with the same checks the PostgreSQL store makes.</summary>
public sealed class InMemoryProfileStore : IProfileStore, IProfileBatch
{
    private readonly Lock _gate = new();

    public HashSet<string> Tenants { get; } = ["acme"];

    public Dictionary<Guid, ProfileState> Profiles { get; } = [];

    public Dictionary<TenantIdentifier, Guid> Links { get; } = [];

    public Dictionary<(string, string), TimelineEntry> Timeline { get; } = [];

    public HashSet<(string, string)> Handled { get; } = [];

    public HashSet<TenantIdentifier> Suppressed { get; } = [];

    public List<PendingEvent> Events { get; } = [];

    public Dictionary<Guid, long> StreamVersions { get; } = [];

    /// <summary>The driver runs one batch at a time, so the store is its own unit of work.</summary>
    public Task<IProfileBatch> BeginBatchAsync(CancellationToken cancellationToken) => Task.FromResult<IProfileBatch>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<bool> TenantExistsAsync(string tenantId, CancellationToken cancellationToken) => Task.FromResult(Tenants.Contains(tenantId));

    public Task<BatchLookup> LookupAsync(
        IReadOnlyCollection<(string TenantId, string MessageId)> messages, IReadOnlyCollection<TenantIdentifier> suppressionChecks,
        IReadOnlyCollection<TenantIdentifier> identifiers, bool lockProfiles, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var links = identifiers.Where(Links.ContainsKey).ToDictionary(i => i, i => Links[i]);
            return Task.FromResult(new BatchLookup(
                messages.Where(m => Timeline.ContainsKey(m) || Handled.Contains(m)).ToHashSet(),
                suppressionChecks.Where(Suppressed.Contains).ToHashSet(),
                links,
                links.Values.Distinct().Where(Profiles.ContainsKey).ToDictionary(id => id, id => Profiles[id].Version)));
        }
    }

    public Task<IReadOnlyDictionary<Guid, ProfileState>> LoadProfilesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<Guid, ProfileState> found = ids.Where(Profiles.ContainsKey).ToDictionary(id => id, id => Profiles[id].Clone());
            return Task.FromResult(found);
        }
    }

    private BatchChanges? _staged;

    public void Stage(BatchChanges changes) => _staged = changes;

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        var changes = _staged ?? throw new InvalidOperationException("Nothing staged.");
        _staged = null;
        lock (_gate)
        {
            foreach (var write in changes.Profiles)
            {
                var current = Profiles.TryGetValue(write.State.Id, out var p) ? p.Version : 0;
                if (current != write.ExpectedVersion)
                {
                    throw new StoreConflictException($"profile {write.State.Id} is at {current}, expected {write.ExpectedVersion}");
                }
            }

            foreach (var link in changes.Links)
            {
                if (Links.ContainsKey(link.Identifier))
                {
                    throw new StoreConflictException($"{link.Identifier} is already linked");
                }
            }

            var expected = changes.Profiles.ToDictionary(p => p.State.Id, p => p.ExpectedVersion);
            foreach (var merge in changes.Merges)
            {
                expected[merge.Loser] = merge.LoserExpectedVersion;
            }

            foreach (var stream in changes.Events.GroupBy(e => e.ProfileId))
            {
                var current = StreamVersions.GetValueOrDefault(stream.Key);
                if (expected.TryGetValue(stream.Key, out var version) && version != current)
                {
                    throw new StoreConflictException($"stream {stream.Key} is at {current}, expected {version}");
                }
            }

            foreach (var stream in changes.Events.GroupBy(e => e.ProfileId))
            {
                StreamVersions[stream.Key] = StreamVersions.GetValueOrDefault(stream.Key) + stream.Count();
            }

            foreach (var merge in changes.Merges)
            {
                Profiles.Remove(merge.Loser);
                foreach (var key in Links.Where(l => l.Value == merge.Loser).Select(l => l.Key).ToList())
                {
                    Links[key] = merge.Survivor;
                }

                foreach (var key in Timeline.Where(t => t.Value.ProfileId == merge.Loser).Select(t => t.Key).ToList())
                {
                    Timeline[key] = Timeline[key] with { ProfileId = merge.Survivor };
                }
            }

            foreach (var write in changes.Profiles)
            {
                Profiles[write.State.Id] = write.State.Clone();
            }

            foreach (var link in changes.Links)
            {
                Links[link.Identifier] = link.ProfileId;
            }

            foreach (var row in changes.Timeline)
            {
                Timeline[(row.TenantId, row.MessageId)] = row;
            }

            foreach (var message in changes.Messages.Where(m => m.ProfileId is null))
            {
                Handled.Add((message.TenantId, message.MessageId));
            }

            Events.AddRange(changes.Events);
            return Task.CompletedTask;
        }
    }

    public ProfileState? ProfileBy(IdentifierKind kind, string value, string tenant = "acme") =>
        Links.TryGetValue(new TenantIdentifier(tenant, new Identifier(kind, value)), out var id) && Profiles.TryGetValue(id, out var p) ? p : null;

    /// <summary>What the GDPR erasure does to the read models, for logic tests.</summary>
    public void Forget(string tenant, Identifier id)
    {
        lock (_gate)
        {
            var key = new TenantIdentifier(tenant, id);
            Suppressed.Add(key);
            if (!Links.TryGetValue(key, out var profile))
            {
                return;
            }

            foreach (var link in Links.Where(l => l.Value == profile).Select(l => l.Key).ToList())
            {
                Links.Remove(link);
                Suppressed.Add(link);
            }

            foreach (var row in Timeline.Where(t => t.Value.ProfileId == profile).Select(t => t.Key).ToList())
            {
                Timeline.Remove(row);
                Handled.Add(row);
            }

            Profiles.Remove(profile);
        }
    }
}
