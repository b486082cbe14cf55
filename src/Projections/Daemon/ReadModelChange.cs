namespace Streaming.Projections.Daemon;

/// <summary>
/// What a committed projection batch changed: the keys of one read model of one tenant. When
/// <see cref="Resync"/> is true, the listener reconnected and may have missed changes: refetch.
/// </summary>
public sealed record ReadModelChange(string Projection, string TenantId, string ReadModel, IReadOnlyList<string> Keys, bool Resync = false);
