namespace Streaming.Platform.Security.Keys;

/// <summary>A key as listed: never its full text (secret keys are only shown once, when created).</summary>
public sealed record KeyRecord(
    Guid? Id, ApiKeyKind Kind, string TenantId, string Name, string Hint, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just created: <see cref="Key"/> is its full text, shown this once.</summary>
public sealed record CreatedKey(KeyRecord Record, string Key);
