using Streaming.Projections.EventStore;

namespace Streaming.Projections.Daemon;

/// <summary>
/// An asynchronous projection: the daemon feeds it committed events in global order, in batches, each
/// batch in one transaction together with the projection's checkpoint, so a read model never sees an
/// event twice or misses one. Register with <c>services.AddProjection&lt;T&gt;()</c>.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name: the checkpoint row and advisory lock key. Renaming it rebuilds from zero.</summary>
    string Name { get; }

    /// <summary>The event type names this projection wants, or null for all.</summary>
    IReadOnlyCollection<string>? EventTypes { get; }

    /// <summary>
    /// Applies events (ascending sequence) using <see cref="ProjectionContext.Connection"/> inside its open
    /// transaction; report changed read-model rows with <see cref="ProjectionContext.Changed"/>. Throwing
    /// rolls the batch back; the daemon then retries event by event and dead-letters one that keeps failing.
    /// </summary>
    Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken cancellationToken);

    /// <summary>Deletes this projection's read-model rows before a rebuild (same transaction as the checkpoint reset).</summary>
    Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken);
}
