using System.Collections.Frozen;
using System.Security.Claims;
using Streaming.Platform.Security.Keys;

namespace Streaming.Platform.Security.Authentication;

/// <summary>The claims an authenticated key carries, and the way back to a <see cref="TenantScope"/>.</summary>
public static class ApiKeyClaims
{
    public const string Tenant = "cdp:tenant";
    public const string Scope = "cdp:scope";
    public const string KeyId = "cdp:key_id";
    public const string KeyKind = "cdp:key_kind";

    public static ClaimsPrincipal ToPrincipal(ApiKeyIdentity identity, string scheme)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var claims = new List<Claim>
        {
            new(Tenant, identity.TenantId),
            new(KeyKind, identity.Kind == ApiKeyKind.Secret ? "secret" : "write"),
            new(KeyId, identity.KeyId.ToString()),
        };
        claims.AddRange(identity.Scopes.Select(s => new Claim(Scope, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, Tenant, null));
    }

    /// <summary>The caller's tenant and scopes when it authenticated with a secret key; null otherwise (no key, or a write key).</summary>
    public static TenantScope? TenantScope(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(KeyKind)?.Value != "secret" || user.FindFirst(Tenant)?.Value is not { } tenant)
        {
            return null;
        }

        return new TenantScope(
            tenant,
            user.FindAll(Scope).Select(c => c.Value).ToFrozenSet(StringComparer.Ordinal),
            Guid.TryParse(user.FindFirst(KeyId)?.Value, out var id) ? id : Guid.Empty);
    }

    /// <summary>The tenant scope of a request that passed a scope policy (so it is there).</summary>
    public static TenantScope RequiredTenantScope(this ClaimsPrincipal user) =>
        user.TenantScope() ?? throw new InvalidOperationException("The endpoint is missing its RequireScope policy: no tenant scope on the request.");
}
