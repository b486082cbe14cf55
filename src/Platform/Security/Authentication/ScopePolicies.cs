using Microsoft.AspNetCore.Authorization;

namespace Streaming.Platform.Security.Authentication;

/// <summary>
/// One authorization policy per scope (<c>scope:read</c>, ...): a secret key of some tenant that
/// holds the scope. The fallback policy (every endpoint that names none) asks for a secret key of
/// any scope, so an endpoint is closed unless it says otherwise.
/// </summary>
public static class ScopePolicies
{
    public static string For(string scope) => "scope:" + scope;

    internal static void Add(AuthorizationOptions options)
    {
        foreach (var scope in Scopes.All)
        {
            options.AddPolicy(For(scope), policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.TenantScope()?.Allows(scope) == true));
        }

        options.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.TenantScope() is not null)
            .Build();
    }
}
