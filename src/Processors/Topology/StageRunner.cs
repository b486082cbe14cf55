using Streaming.Processors.Identity;
using Streaming.Processors.Model;
using Streaming.Processors.Profiles;
using Streaming.Processors.Topology.Stages;

namespace Streaming.Processors.Topology;

/// <summary>What one batch did.</summary>
public sealed record BatchResult(IReadOnlyList<DeadLetter> DeadLetters, BatchChanges Changes, int Applied, int Duplicates, int Suppressed);

/// <summary>A batch after decode and validate: the messages to apply and the records refused.</summary>
public sealed record DecodedBatch(IReadOnlyList<InboundEvent> Valid, IReadOnlyList<DeadLetter> DeadLetters);

/// <summary>
/// Runs the profile stages over one batch: lookup (dedupe, suppressions, the links the cache cannot
/// resolve, in one round trip), then each message through every stage in the order the topology
/// declares, then the writes prepared in the batch's unit of work. The processors' graph and the
/// topology test driver run this same code, over PostgreSQL or in memory. A conflict with another
/// writer (a profile another process merged, an identifier claimed at the same moment) reruns the
/// batch from fresh state, so the committed result is as if the batches had run one after the other.
/// </summary>
public sealed class StageRunner
{
    private const int MaxConflictRetries = 20;
    private readonly IProfileStore _store;
    private readonly ProfileCache _cache;
    private readonly IProfileStage[] _stages;

    public StageRunner(IProfileStore store, ProfileCache cache, IReadOnlyList<IProfileStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var duplicate = stages.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two profile stages are named \"{duplicate.Key}\"", nameof(stages));
        }

        _store = store;
        _cache = cache;
        _stages = [.. stages];
    }

    public ProfileCache Cache => _cache;

    public IReadOnlyList<IProfileStage> Stages => _stages;

    /// <summary>
    /// Stages and commits, rerunning on conflicts. The first attempt trusts the cache unless
    /// <paramref name="verifyFirst"/>; a rerun reads and locks everything.
    /// </summary>
    public async Task<BatchResult> RunAsync(DecodedBatch decoded, bool verifyFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var staged = await StageAsync(decoded, verified: verifyFirst || attempt > 1, cancellationToken);
                return await staged.CommitAsync(cancellationToken);
            }
            catch (StoreConflictException) when (attempt < MaxConflictRetries)
            {
                // The cache holds this batch's uncommitted state: start from the store again.
                _cache.Clear();
            }
            catch
            {
                _cache.Clear();
                throw;
            }
        }
    }

    /// <summary>
    /// Opens a unit of work, reads, applies and prepares the writes; the cache is updated as if
    /// they committed, so the next batch can be staged while this one commits. Whoever commits it
    /// must clear the cache if the commit fails.
    /// </summary>
    public async Task<StagedBatch> StageAsync(DecodedBatch decoded, bool verified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        var unit = await _store.BeginBatchAsync(cancellationToken);
        try
        {
            var (batch, applied, duplicates, suppressed) = await ApplyAsync(unit, decoded.Valid, verified, cancellationToken);
            unit.Stage(batch.Changes);
            foreach (var write in batch.Changes.Profiles)
            {
                _cache.Put(write.State);
            }

            foreach (var merge in batch.Changes.Merges)
            {
                _cache.Remove(merge.Loser);
            }

            return new StagedBatch(unit, new BatchResult(decoded.DeadLetters, batch.Changes, applied, duplicates, suppressed));
        }
        catch
        {
            _cache.Clear();
            await unit.DisposeAsync();
            throw;
        }
    }

    private async Task<(BatchState Batch, int Applied, int Duplicates, int Suppressed)> ApplyAsync(
        IProfileBatch unit, IReadOnlyList<InboundEvent> messages, bool verified, CancellationToken cancellationToken)
    {
        var identifiers = new List<Identifier>[messages.Count];
        var allIds = new HashSet<TenantIdentifier>();
        var keys = new HashSet<(string, string)>();
        for (var i = 0; i < messages.Count; i++)
        {
            identifiers[i] = ResolveIdentityStage.IdentifiersOf(messages[i]);
            foreach (var id in identifiers[i])
            {
                allIds.Add(new TenantIdentifier(messages[i].TenantId, id));
            }

            keys.Add((messages[i].TenantId, messages[i].MessageId));
        }

        // The first attempt asks the store only for identifiers the cache cannot resolve.
        var cached = new Dictionary<TenantIdentifier, ProfileState>();
        var unresolved = allIds;
        if (!verified)
        {
            unresolved = [];
            foreach (var id in allIds)
            {
                if (_cache.TryResolve(id, out var profile))
                {
                    cached[id] = profile;
                }
                else
                {
                    unresolved.Add(id);
                }
            }
        }

        var lookup = await unit.LookupAsync(keys, allIds, unresolved, lockProfiles: verified, cancellationToken);
        var batch = new BatchState(cached.Count == 0 ? lookup : WithCachedLinks(lookup, cached));
        await LoadProfilesAsync(unit, batch, cancellationToken);

        int applied = 0, duplicates = 0, suppressed = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var key = (message.TenantId, message.MessageId);
            if (lookup.AlreadyProcessed.Contains(key) || !batch.SeenMessages.Add(key))
            {
                duplicates++;
                continue;
            }

            if (identifiers[i].Any(id => lookup.Suppressed.Contains(new TenantIdentifier(message.TenantId, id))))
            {
                // A forgotten person's identifier: drop the message, remember only that it was seen.
                batch.Changes.Messages.Add(new ProcessedMessage(message.TenantId, message.MessageId, null));
                suppressed++;
                continue;
            }

            Apply(new StageContext(message, identifiers[i], batch));
            applied++;
        }

        Finish(batch);
        return (batch, applied, duplicates, suppressed);
    }

    private void Apply(StageContext context)
    {
        context.Batch.Current = context.Message;
        foreach (var stage in _stages)
        {
            try
            {
                stage.Apply(context);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new PoisonMessageException(context.Message, stage.Name, ex);
            }
        }
    }

    /// <summary>The store's answer plus the identifiers the cache resolved, at the cached versions (the store's version wins where both know a profile).</summary>
    private static BatchLookup WithCachedLinks(BatchLookup lookup, Dictionary<TenantIdentifier, ProfileState> cached)
    {
        var links = new Dictionary<TenantIdentifier, Guid>(lookup.Links);
        var versions = new Dictionary<Guid, long>(lookup.Versions);
        foreach (var (id, profile) in cached)
        {
            links[id] = profile.Id;
            versions.TryAdd(profile.Id, profile.Version);
        }

        return lookup with { Links = links, Versions = versions };
    }

    private async Task LoadProfilesAsync(IProfileBatch unit, BatchState batch, CancellationToken cancellationToken)
    {
        var missing = new List<Guid>();
        foreach (var (id, version) in batch.Lookup.Versions)
        {
            if (_cache.TryGet(id, out var cached) && cached.Version == version)
            {
                batch.Profiles[id] = cached;
                batch.StoredVersions[id] = version;
            }
            else
            {
                _cache.Remove(id);
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            foreach (var (id, state) in await unit.LoadProfilesAsync(missing, cancellationToken))
            {
                batch.Profiles[id] = state;
                batch.StoredVersions[id] = state.Version;
            }
        }

        // A link to a profile that is gone (forgotten meanwhile) resolves to nothing.
        foreach (var (key, id) in batch.Lookup.Links)
        {
            if (!batch.Profiles.ContainsKey(id))
            {
                batch.Links.Remove(key);
            }
        }
    }

    private static void Finish(BatchState batch)
    {
        var changes = batch.Changes;
        for (var i = 0; i < changes.Links.Count; i++)
        {
            changes.Links[i] = changes.Links[i] with { ProfileId = batch.Live(changes.Links[i].ProfileId) };
        }

        for (var i = 0; i < changes.Timeline.Count; i++)
        {
            changes.Timeline[i] = changes.Timeline[i] with { ProfileId = batch.Live(changes.Timeline[i].ProfileId) };
        }

        for (var i = 0; i < changes.Messages.Count; i++)
        {
            if (changes.Messages[i].ProfileId is { } id)
            {
                changes.Messages[i] = changes.Messages[i] with { ProfileId = batch.Live(id) };
            }
        }

        foreach (var (id, version) in batch.StoredVersions)
        {
            if (version > 0 && !batch.Touched.Contains(id))
            {
                changes.ReadOnly.Add((id, version));
            }
        }

        foreach (var id in batch.Touched)
        {
            var stored = batch.StoredVersions[id];
            if (batch.MergedInto.ContainsKey(id))
            {
                if (stored > 0)
                {
                    var tenant = changes.Events.First(e => e.ProfileId == id).TenantId;
                    changes.Merges.Add(new MergeWrite(tenant, id, stored, batch.Live(id)));
                }
            }
            else if (batch.Profiles.TryGetValue(id, out var state))
            {
                changes.Profiles.Add(new ProfileWrite(state, stored));
            }
        }
    }
}
