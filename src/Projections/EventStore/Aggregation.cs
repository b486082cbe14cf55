namespace Streaming.Projections.EventStore;

/// <summary>
/// How to fold a stream into a live aggregate: a start state and an apply step. With
/// <see cref="SnapshotEvery"/> &gt; 0, the fold's result is stored as a snapshot once at least that many
/// events were folded past the last one, and later folds start from it.
/// </summary>
/// <param name="Name">Names the snapshot (one per stream and name); change it when the state's shape changes.</param>
public sealed record Aggregation<T>(string Name, Func<T> Create, Func<T, StoredEvent, T> Apply, int SnapshotEvery = 0);

/// <summary>A folded aggregate and the stream version it reflects (0 = the stream has no events).</summary>
public sealed record Aggregate<T>(T State, long Version, bool FromSnapshot);
