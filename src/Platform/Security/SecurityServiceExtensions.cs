using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streaming.Platform.Security.Authentication;
using Streaming.Platform.Security.Keys;
using Streaming.Platform.Security.Secrets;

namespace Streaming.Platform.Security;

/// <summary>
/// Key authentication for every role: the <c>ApiKey</c> scheme, a policy per scope, a fallback
/// policy that closes every endpoint that does not say otherwise, and the server secrets.
/// </summary>
public static class SecurityServiceExtensions
{
    /// <summary>Registers once, however many roles in the process ask.</summary>
    public static IHostApplicationBuilder AddApiKeySecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(SecurityMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<SecurityMarker>();
        builder.Services.AddOptions<SecurityOptions>()
            .Bind(builder.Configuration.GetSection(SecurityOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IApiKeyDirectory, PostgresApiKeyDirectory>();
        builder.Services.TryAddSingleton<AuthFailureLimiter>();
        builder.Services.TryAddSingleton<ServerSecrets>();
        // No default scheme: a request is authenticated only where a policy (or /graphql) asks,
        // so tracking calls, which check their write key themselves, cost no key lookup here.
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(ScopePolicies.Add);
        return builder;
    }

    /// <summary>The endpoint needs a secret key with <paramref name="scope"/> (401 without a key, 403 with the wrong one).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Scopes.IsKnown(scope))
        {
            throw new ArgumentException($"unknown scope \"{scope}\"", nameof(scope));
        }

        return builder.RequireAuthorization(ScopePolicies.For(scope));
    }

    private sealed class SecurityMarker;
}
