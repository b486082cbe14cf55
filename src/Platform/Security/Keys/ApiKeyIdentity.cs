namespace Streaming.Platform.Security.Keys;

/// <summary>What an active key authenticates: its kind, tenant, id (secret keys) and scopes (empty for write keys).</summary>
public sealed record ApiKeyIdentity(ApiKeyKind Kind, string TenantId, Guid KeyId, IReadOnlySet<string> Scopes)
{
    public TenantScope ToScope() => new(TenantId, Scopes, KeyId);
}
