namespace Streaming.Platform.Security;

/// <summary>
/// Who is calling: the tenant of the caller's secret key and the scopes it holds. Every read and
/// write a request makes is scoped by <see cref="TenantId"/>; nothing else names the tenant.
/// </summary>
public sealed record TenantScope(string TenantId, IReadOnlySet<string> Scopes, Guid KeyId)
{
    /// <summary>Whether the key holds <paramref name="scope"/> (<see cref="Security.Scopes.Admin"/> holds every scope).</summary>
    public bool Allows(string scope) => Scopes.Contains(scope) || Scopes.Contains(Security.Scopes.Admin);
}
