using Streaming.Processors.Identity;
using Streaming.Processors.Profiles;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Tests.Driver;

/// <summary>The topology's state in memory, with the same checks the PostgreSQL store makes.</summary>
public sealed class InMemoryProfileStore : IProfileStore
{
    private readonly Lock _gate = new();

    public HashSet<string> Tenants { get; } = ["acme"];

    /// <summary>Active write keys and their tenants (<see cref="TestRecords.WriteKey"/> is acme's).</summary>
    public Dictionary<string, string> WriteKeys { get; } = new() { [TestRecords.WriteKey] = "acme" };

    public Dictionary<Guid, ProfileState> Profiles { get; } = [];

    public Dictionary<TenantIdentifier, Guid> Links { get; } = [];

    public Dictionary<(string, string), TimelineEntry> Timeline { get; } = [];

    public HashSet<(string, string)> Handled { get; } = [];

    public HashSet<TenantIdentifier> Suppressed { get; } = [];

    public List<PendingEvent> Events { get; } = [];

    public Dictionary<Guid, long> StreamVersions { get; } = [];

    /// <summary>Writes of the stages' own kinds, in commit order.</summary>
    public List<Topology.Stages.IStageWrite> StageWrites { get; } = [];

    public Task<IProfileBatch> BeginBatchAsync(CancellationToken cancellationToken) => Task.FromResult<IProfileBatch>(new Unit(this));

    public Task<bool> TenantExistsAsync(string tenantId, CancellationToken cancellationToken) => Task.FromResult(Tenants.Contains(tenantId));

    public Task<string?> WriteKeyTenantAsync(string writeKey, CancellationToken cancellationToken) =>
        Task.FromResult(WriteKeys.GetValueOrDefault(writeKey));

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

    /// <summary>Applies a unit's changes with the checks the PostgreSQL store makes (atomically: it throws before changing anything).</summary>
    public void Apply(BatchChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
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

            foreach (var (id, version) in changes.ReadOnly)
            {
                if (!Profiles.TryGetValue(id, out var read) || read.Version != version)
                {
                    throw new StoreConflictException($"profile {id} changed since it was read at {version}");
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
            StageWrites.AddRange(changes.StageWrites);
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

    /// <summary>One unit of work: reads go to the store, writes wait in the unit until it commits.</summary>
    private sealed class Unit(InMemoryProfileStore store) : IProfileBatch
    {
        private BatchChanges? _staged;

        public Task<BatchLookup> LookupAsync(
            IReadOnlyCollection<(string TenantId, string MessageId)> messages, IReadOnlyCollection<TenantIdentifier> suppressionChecks,
            IReadOnlyCollection<TenantIdentifier> identifiers, bool lockProfiles, CancellationToken cancellationToken) =>
            store.LookupAsync(messages, suppressionChecks, identifiers, lockProfiles, cancellationToken);

        public Task<IReadOnlyDictionary<Guid, ProfileState>> LoadProfilesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
            store.LoadProfilesAsync(ids, cancellationToken);

        /// <summary>Copies the profile states now: the next batch may change them before this one commits.</summary>
        public void Stage(BatchChanges changes)
        {
            var copy = new BatchChanges();
            copy.Messages.AddRange(changes.Messages);
            copy.Events.AddRange(changes.Events);
            copy.StageWrites.AddRange(changes.StageWrites);
            copy.Timeline.AddRange(changes.Timeline);
            copy.Links.AddRange(changes.Links);
            copy.Merges.AddRange(changes.Merges);
            copy.ReadOnly.AddRange(changes.ReadOnly);
            copy.Profiles.AddRange(changes.Profiles.Select(p => p with { State = p.State.Clone() }));
            _staged = copy;
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            store.Apply(_staged ?? throw new InvalidOperationException("Nothing staged."));
            _staged = null;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
