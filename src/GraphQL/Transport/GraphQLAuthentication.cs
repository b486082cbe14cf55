using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Streaming.Platform.Security;
using Streaming.Platform.Security.Authentication;
using Streaming.Platform.Security.Keys;

namespace Streaming.GraphQL.Transport;

/// <summary>
/// Who is calling <c>/graphql</c>: a secret key in the Authorization header (HTTP, and the
/// WebSocket upgrade request), or in the <c>connection_init</c> payload of graphql-transport-ws
/// (<c>{"authorization":"Bearer sk_live_..."}</c>; browsers cannot set headers on a WebSocket).
/// </summary>
public static class GraphQLAuthentication
{
    /// <summary>The payload field of <c>connection_init</c> that carries the key.</summary>
    public const string InitPayloadField = "authorization";

    /// <summary>What the header said.</summary>
    public enum Outcome
    {
        /// <summary>A secret key: <see cref="HeaderResult.Tenant"/> is set.</summary>
        Authenticated,

        /// <summary>No key presented.</summary>
        None,

        /// <summary>Refused; the response (401, 403 or 429) is written.</summary>
        Refused,
    }

    public readonly record struct HeaderResult(Outcome Outcome, TenantScope? Tenant);

    /// <summary>
    /// One cached key lookup, not the authentication handler and a policy per request: on a small
    /// query those cost about a third of the server's time. The answers are the handler's own.
    /// </summary>
    public static async Task<HeaderResult> FromHeaderAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var (check, identity) = await ApiKeyAuthenticationHandler.CheckAsync(
            context, services.GetRequiredService<IApiKeyDirectory>(), services.GetRequiredService<AuthFailureLimiter>());
        switch (check)
        {
            case ApiKeyAuthenticationHandler.KeyCheck.None:
                return new HeaderResult(Outcome.None, null);
            case ApiKeyAuthenticationHandler.KeyCheck.Identified when identity!.Kind == ApiKeyKind.Secret:
                return new HeaderResult(Outcome.Authenticated, identity.ToScope());
            case ApiKeyAuthenticationHandler.KeyCheck.Identified:
                // A write key: authenticated, but it allows nothing here.
                await context.ForbidAsync(ApiKeyAuthenticationHandler.SchemeName);
                return new HeaderResult(Outcome.Refused, null);
            default:
                await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
                return new HeaderResult(Outcome.Refused, null);
        }
    }

    /// <summary>
    /// The key of a <c>connection_init</c> payload: the tenant, or the close code to end the
    /// connection with (4401 no or unknown key, 4403 a write key, 4429 too many failures).
    /// </summary>
    public static async ValueTask<(TenantScope? Tenant, int CloseCode)> FromInitPayloadAsync(HttpContext context, JsonElement? payload)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failures = context.RequestServices.GetRequiredService<AuthFailureLimiter>();
        var address = context.Connection.RemoteIpAddress;
        if (failures.RetryAfterSeconds(address) > 0)
        {
            return (null, CloseCodes.TooManyInitialisationRequests);
        }

        string? key = null;
        if (payload is { ValueKind: JsonValueKind.Object } p)
        {
            foreach (var property in p.EnumerateObject())
            {
                if (property.Name.Equals(InitPayloadField, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                {
                    key = property.Value.GetString();
                }
            }
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            return (null, CloseCodes.Unauthorized);
        }

        if (key.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = key[7..].Trim();
        }

        var identity = await context.RequestServices.GetRequiredService<IApiKeyDirectory>().FindAsync(key, context.RequestAborted);
        if (identity is null)
        {
            failures.RecordFailure(address);
            return (null, CloseCodes.Unauthorized);
        }

        return identity.Kind == ApiKeyKind.Secret ? (identity.ToScope(), 0) : (null, CloseCodes.Forbidden);
    }
}
