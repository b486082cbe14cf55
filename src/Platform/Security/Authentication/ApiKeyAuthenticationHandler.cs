using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Platform.Security.Keys;

namespace Streaming.Platform.Security.Authentication;

/// <summary>
/// The <c>ApiKey</c> scheme: <c>Authorization: Bearer sk_live_...</c> (a secret key), or a write
/// key (Bearer, or HTTP Basic user name as tracking clients send it) which authenticates its
/// tenant with no scopes, so a scope policy answers 403 rather than 401. No key: no result (401
/// on challenge). An unknown key counts against the client address; an address over its limit is
/// refused with 429 before its key is looked up.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyDirectory directory,
    AuthFailureLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string RetryAfterItem = "cdp:auth_retry_after";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Open endpoints (tracking, email, health) check their own credentials, if any: the
        // authorization middleware would otherwise look their write key up here on every call.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return AuthenticateResult.NoResult();
        }

        var (check, identity) = await CheckAsync(Context, directory, failures);
        return check switch
        {
            KeyCheck.Identified => AuthenticateResult.Success(new AuthenticationTicket(ApiKeyClaims.ToPrincipal(identity!, SchemeName), SchemeName)),
            KeyCheck.TooManyFailures => AuthenticateResult.Fail("too many failed authentications from this address"),
            KeyCheck.Unknown => AuthenticateResult.Fail("unknown or revoked key"),
            _ => AuthenticateResult.NoResult(),
        };
    }

    /// <summary>
    /// The key a request presents, looked up (cached), with failures counted per address. Also used
    /// directly by endpoints that authenticate themselves on a hot path; a refused request is then
    /// answered with <see cref="AuthenticationHttpContextExtensions.ChallengeAsync(HttpContext, string?)"/>,
    /// which says 429 after <see cref="KeyCheck.TooManyFailures"/>.
    /// </summary>
    public static async ValueTask<(KeyCheck Check, ApiKeyIdentity? Identity)> CheckAsync(
        HttpContext context, IApiKeyDirectory directory, AuthFailureLimiter failures)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(failures);
        var presented = PresentedKey(context.Request);
        if (presented is null)
        {
            return (KeyCheck.None, null);
        }

        var address = context.Connection.RemoteIpAddress;
        var retryAfter = failures.RetryAfterSeconds(address);
        if (retryAfter > 0)
        {
            context.Items[RetryAfterItem] = retryAfter;
            return (KeyCheck.TooManyFailures, null);
        }

        var identity = presented.Length == 0 ? null : await directory.FindAsync(presented, context.RequestAborted);
        if (identity is null)
        {
            failures.RecordFailure(address);
            return (KeyCheck.Unknown, null);
        }

        return (KeyCheck.Identified, identity);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.TryGetValue(RetryAfterItem, out var value) && value is int seconds)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString();
            await Response.WriteAsJsonAsync(new { error = "too_many_failed_authentications", reason = "too many failed authentications from this address" });
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"cdp\"";
        await Response.WriteAsJsonAsync(new { error = "unauthorized", reason = "a secret key is required: Authorization: Bearer sk_live_..." });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new { error = "forbidden", reason = "the key does not allow this (a secret key with the right scope is required)" });
    }

    /// <summary>The key of a Bearer or Basic Authorization header; "" for a malformed one; null for none.</summary>
    /// <summary>What <see cref="CheckAsync"/> found.</summary>
    public enum KeyCheck
    {
        /// <summary>No key presented.</summary>
        None,

        Identified,

        /// <summary>An unknown, revoked or malformed key (counted as a failure).</summary>
        Unknown,

        /// <summary>The address failed too often: refused without a lookup.</summary>
        TooManyFailures,
    }

    public static string? PresentedKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value)
        {
            return header.Count == 0 ? null : string.Empty;
        }

        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return value[7..].Trim();
        }

        if (value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            Span<byte> decoded = stackalloc byte[384];
            if (!Convert.TryFromBase64Chars(value.AsSpan(6).Trim(), decoded, out var written))
            {
                return string.Empty;
            }

            var text = decoded[..written];
            var colon = text.IndexOf((byte)':');
            return Encoding.UTF8.GetString(colon < 0 ? text : text[..colon]);
        }

        return string.Empty;
    }
}
