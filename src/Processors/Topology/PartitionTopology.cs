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
/// The per-partition topology, in order:
/// <code>
///   decode ─▶ validate ─▶ lookup (dedupe, suppressions, links) ─▶ resolve-identity ─▶ apply-profile ─▶ store (one transaction)
///      └──────────┴── dead-letter (reason, stage, original topic/partition/offset)
/// </code>
/// The Kafka worker decodes its records itself and hands the messages to a batch cycle, which
/// stages them (lookup, apply, writes prepared, cache updated as if committed) and commits; the
/// topology test driver runs the same code over an in-memory store. A conflict with another
/// writer (a profile another process merged, an identifier claimed at the same moment) reruns
/// the batch from fresh state, so the committed result is as if the batches had run one after the other.
/// </summary>
public sealed class PartitionTopology(IProfileStore store, ProfileCache cache)
{
    private const int MaxConflictRetries = 20;
    private readonly ValidateStage _validate = new(store);

    public ProfileCache Cache => cache;

    /// <summary>Decode and validate (safe to call from several partitions' workers at once).</summary>
    public async Task<DecodedBatch> DecodeAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var deadLetters = new List<DeadLetter>();
        var valid = new List<InboundEvent>(records.Count);
        foreach (var record in records)
        {
            var envelope = DecodeStage.Decode(record, out var decodeError);
            if (envelope is null)
            {
                deadLetters.Add(new DeadLetter(record, DecodeStage.Name, decodeError!));
                continue;
            }

            var (message, invalid) = await _validate.ValidateAsync(record, envelope, cancellationToken);
            if (message is null)
            {
                deadLetters.Add(new DeadLetter(record, ValidateStage.Name, invalid!));
                continue;
            }

            valid.Add(message);
        }

        return new DecodedBatch(valid, deadLetters);
    }

    /// <summary>Decode, stage and commit, rerunning on conflicts.</summary>
    public async Task<BatchResult> RunAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken) =>
        await RunAsync(await DecodeAsync(records, cancellationToken), verifyFirst: false, cancellationToken);

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
                cache.Clear();
            }
            catch
            {
                cache.Clear();
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
        var unit = await store.BeginBatchAsync(cancellationToken);
        try
        {
            var (batch, applied, duplicates, suppressed) = await ApplyAsync(unit, decoded.Valid, verified, cancellationToken);
            unit.Stage(batch.Changes);
            foreach (var write in batch.Changes.Profiles)
            {
                cache.Put(write.State);
            }

            foreach (var merge in batch.Changes.Merges)
            {
                cache.Remove(merge.Loser);
            }

            return new StagedBatch(unit, new BatchResult(decoded.DeadLetters, batch.Changes, applied, duplicates, suppressed));
        }
        catch
        {
            cache.Clear();
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
                if (cache.TryResolve(id, out var profile))
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

            var linksBefore = batch.Changes.Links.Count;
            var profile = ResolveIdentityStage.Resolve(message, identifiers[i], batch);
            var linked = batch.Changes.Links.Skip(linksBefore).Select(l => l.Identifier.Id).ToList();
            ApplyProfileStage.Apply(message, profile, linked, batch);
            applied++;
        }

        Finish(batch);
        return (batch, applied, duplicates, suppressed);
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
            if (cache.TryGet(id, out var cached) && cached.Version == version)
            {
                batch.Profiles[id] = cached;
                batch.StoredVersions[id] = version;
            }
            else
            {
                cache.Remove(id);
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
