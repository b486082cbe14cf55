using Streaming.Processors.Identity;
using Streaming.Processors.Profiles;

namespace Streaming.Processors.Topology;

/// <summary>An identifier within a tenant.</summary>
public readonly record struct TenantIdentifier(string TenantId, Identifier Id);

/// <summary>What a batch needs to know before it runs, fetched in one round trip.</summary>
public sealed record BatchLookup(
    IReadOnlySet<(string TenantId, string MessageId)> AlreadyProcessed,
    IReadOnlySet<TenantIdentifier> Suppressed,
    IReadOnlyDictionary<TenantIdentifier, Guid> Links,
    IReadOnlyDictionary<Guid, long> Versions);

/// <summary>
/// The state side of the topology. A batch runs in one <see cref="IProfileBatch"/> (a unit of
/// work: one transaction on PostgreSQL); the in-memory implementation backs the topology test driver.
/// </summary>
public interface IProfileStore
{
    /// <summary>Known tenants (an unknown tenant's records are dead-lettered).</summary>
    Task<bool> TenantExistsAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The tenant of an active write key, or null (records are authenticated by their write key).</summary>
    Task<string?> WriteKeyTenantAsync(string writeKey, CancellationToken cancellationToken);

    Task<IProfileBatch> BeginBatchAsync(CancellationToken cancellationToken);
}

/// <summary>One batch's unit of work: read, then write everything at once or nothing.</summary>
public interface IProfileBatch : IAsyncDisposable
{
    /// <summary>
    /// Which messages are done, which identifiers are suppressed, which profile each identifier
    /// points at and that profile's current version. With <paramref name="lockProfiles"/> the
    /// profiles found stay locked against other batches until the unit of work ends, so a batch
    /// rerun after a conflict cannot lose to the same writer again.
    /// </summary>
    /// <param name="suppressionChecks">Identifiers to check against the suppression list (all of the batch's).</param>
    /// <param name="identifiers">Identifiers to resolve (those the cache could not).</param>
    Task<BatchLookup> LookupAsync(
        IReadOnlyCollection<(string TenantId, string MessageId)> messages,
        IReadOnlyCollection<TenantIdentifier> suppressionChecks,
        IReadOnlyCollection<TenantIdentifier> identifiers,
        bool lockProfiles,
        CancellationToken cancellationToken);

    /// <summary>Loads profiles; missing ids are absent from the result.</summary>
    Task<IReadOnlyDictionary<Guid, ProfileState>> LoadProfilesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Prepares the writes of <paramref name="changes"/> now: the profile states they name may
    /// change (the next batch is applied to them) before <see cref="CommitAsync"/> runs.
    /// </summary>
    void Stage(BatchChanges changes);

    /// <summary>
    /// Writes what <see cref="Stage"/> prepared, atomically, and ends the unit of work. Throws
    /// <see cref="StoreConflictException"/> when another writer claimed an identifier or changed a profile meanwhile.
    /// </summary>
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>Another partition or process changed what the batch read; the batch is rerun from fresh state.</summary>
public sealed class StoreConflictException : Exception
{
    public StoreConflictException()
    {
    }

    public StoreConflictException(string message)
        : base(message)
    {
    }

    public StoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
