using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streaming.Platform.Security;
using Streaming.Platform.Security.Authentication;
using Streaming.Processors.Identity;

namespace Streaming.Processors.Gdpr;

/// <summary>
/// <c>GET /v1/privacy/{type}/{value}</c>: export (JSON), 404 when nobody in the tenant has the identifier.
/// <c>DELETE /v1/privacy/{type}/{value}</c>: forget, 204; 404 (and nothing written) when nobody has it.
/// type is userId, anonymousId, email or phone. Both need a secret key with the <c>privacy</c>
/// scope; the tenant is the key's (nothing in the URL names one).
/// </summary>
public static class GdprEndpoints
{
    public static IEndpointRouteBuilder MapGdpr(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/v1/privacy").RequireScope(Scopes.Privacy);
        group.MapGet("/{type}/{value}", async (string type, string value, HttpContext http, ProfilePrivacy privacy) =>
        {
            if (Parse(type, value, out var invalid) is not { } id)
            {
                return invalid!;
            }

            return await privacy.ExportAsync(http.User.RequiredTenantScope().TenantId, id, http.RequestAborted) is { } export
                ? Results.Text(export.ToJsonString(), "application/json")
                : Results.NotFound();
        });
        group.MapDelete("/{type}/{value}", async (string type, string value, HttpContext http, ProfilePrivacy privacy) =>
        {
            if (Parse(type, value, out var invalid) is not { } id)
            {
                return invalid!;
            }

            return await privacy.ForgetAsync(http.User.RequiredTenantScope().TenantId, id, http.RequestAborted)
                ? Results.NoContent()
                : Results.NotFound();
        });
        return endpoints;
    }

    private static Identifier? Parse(string type, string value, out IResult? invalid)
    {
        invalid = null;
        if (!Identifier.TryParseKind(type, out var kind))
        {
            invalid = Results.BadRequest(new { error = "invalid_request", field = "type", reason = "must be userId, anonymousId, email or phone" });
            return null;
        }

        if (IdentifierExtractor.Normalise(kind, value) is not { } id)
        {
            invalid = Results.BadRequest(new { error = "invalid_request", field = "value", reason = $"not a usable {type}" });
            return null;
        }

        return id;
    }
}
