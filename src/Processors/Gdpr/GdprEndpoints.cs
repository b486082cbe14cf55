using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streaming.Processors.Identity;

namespace Streaming.Processors.Gdpr;

/// <summary>
/// <c>GET /v1/privacy/{tenant}/{type}/{value}</c>: export (JSON), 404 when unknown.
/// <c>DELETE /v1/privacy/{tenant}/{type}/{value}</c>: forget, 204 (also when unknown: the identifier is suppressed anyway).
/// type is userId, anonymousId, email or phone. An operator API: put it behind the admin network.
/// </summary>
public static class GdprEndpoints
{
    public static IEndpointRouteBuilder MapGdpr(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/v1/privacy/{tenant}/{type}/{value}", async (string tenant, string type, string value, ProfilePrivacy privacy, CancellationToken ct) =>
        {
            if (Parse(type, value) is not { } id)
            {
                return Results.BadRequest(new { error = "type must be userId, anonymousId, email or phone, with a usable value" });
            }

            return await privacy.ExportAsync(tenant, id, ct) is { } export
                ? Results.Text(export.ToJsonString(), "application/json")
                : Results.NotFound();
        });
        endpoints.MapDelete("/v1/privacy/{tenant}/{type}/{value}", async (string tenant, string type, string value, ProfilePrivacy privacy, CancellationToken ct) =>
        {
            if (Parse(type, value) is not { } id)
            {
                return Results.BadRequest(new { error = "type must be userId, anonymousId, email or phone, with a usable value" });
            }

            await privacy.ForgetAsync(tenant, id, ct);
            return Results.NoContent();
        });
        return endpoints;
    }

    private static Identifier? Parse(string type, string value) =>
        Identifier.TryParseKind(type, out var kind) ? IdentifierExtractor.Normalise(kind, value) : null;
}
