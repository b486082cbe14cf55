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
/// The state side of the topology (a unit of work per batch): the PostgreSQL implementation
/// reads and writes the event store and the read models in one transaction; the in-memory one
/// backs the topology test driver.
/// </summary>
public interface IProfileStore
{
    /// <summary>Known tenants (an unknown tenant's records are dead-lettered).</summary>
    Task<bool> TenantExistsAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Which messages are done, which identifiers are suppressed, which profile each identifier
    /// points at and that profile's current version.
    /// </summary>
    Task<BatchLookup> LookupAsync(
        IReadOnlyCollection<(string TenantId, string MessageId)> messages,
        IReadOnlyCollection<TenantIdentifier> identifiers,
        CancellationToken cancellationToken);

    /// <summary>Loads profiles; missing ids are absent from the result.</summary>
    Task<IReadOnlyDictionary<Guid, ProfileState>> LoadProfilesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a batch atomically: all of it or nothing. Throws <see cref="StoreConflictException"/>
    /// when another writer changed a profile or claimed an identifier since the lookup.
    /// </summary>
    Task CommitAsync(BatchChanges changes, CancellationToken cancellationToken);
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
