using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Streaming.Platform.Security.Authentication;

namespace Streaming.Platform.Security.Keys;

/// <summary>
/// Key management over HTTP for an <c>admin</c> key, always in the key's own tenant:
/// <c>GET /v1/admin/keys</c> lists, <c>POST /v1/admin/keys</c> creates (<c>{"kind":"secret","scopes":["read"],"name":"..."}</c>
/// or <c>{"kind":"write"}</c>; the key is in the answer this once), <c>DELETE /v1/admin/keys/{id}</c>
/// revokes (a secret key's id, or a write key itself), <c>POST /v1/admin/keys/{id}/rotate</c> replaces
/// a secret key. Tenants are created with the CLI (<c>./streaming admin tenant create</c>).
/// </summary>
public static class KeyAdminEndpoints
{
    public static IEndpointRouteBuilder MapKeyAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var admin = endpoints.MapGroup("/v1/admin/keys").RequireScope(Scopes.Admin);
        admin.MapGet("", async (HttpContext context, NpgsqlDataSource db) =>
            Results.Ok(await KeyAdmin.ListAsync(db, context.User.RequiredTenantScope().TenantId, context.RequestAborted)));
        admin.MapPost("", CreateAsync);
        admin.MapDelete("/{id}", async (string id, HttpContext context, NpgsqlDataSource db) =>
        {
            var tenant = context.User.RequiredTenantScope().TenantId;
            var revoked = Guid.TryParse(id, out var keyId)
                ? await KeyAdmin.RevokeSecretKeyAsync(db, tenant, keyId, context.RequestAborted)
                : await KeyAdmin.RevokeWriteKeyAsync(db, tenant, id, context.RequestAborted);
            return revoked ? Results.NoContent() : Results.NotFound();
        });
        admin.MapPost("/{id:guid}/rotate", async (Guid id, HttpContext context, NpgsqlDataSource db) =>
            await KeyAdmin.RotateSecretKeyAsync(db, context.User.RequiredTenantScope().TenantId, id, context.RequestAborted) is { } created
                ? Results.Created($"/v1/admin/keys/{created.Record.Id}", created)
                : Results.NotFound());
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, NpgsqlDataSource db)
    {
        var tenant = context.User.RequiredTenantScope().TenantId;
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException)
        {
            return Invalid("body", "not valid JSON");
        }

        using (body)
        {
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid("body", "must be a JSON object");
            }

            var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            if (kind == "write")
            {
                var key = await KeyAdmin.CreateWriteKeyAsync(db, tenant, null, context.RequestAborted);
                return Results.Created($"/v1/admin/keys/{key}", new { kind, key });
            }

            if (kind != "secret")
            {
                return Invalid("kind", "must be \"secret\" or \"write\"");
            }

            if (!root.TryGetProperty("scopes", out var s) || s.ValueKind != JsonValueKind.Array || s.GetArrayLength() == 0
                || s.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || !Scopes.IsKnown(e.GetString()!)))
            {
                return Invalid("scopes", $"must be a non-empty array of {string.Join(", ", Scopes.All)}");
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "unnamed";
            if (name.Length > 200)
            {
                return Invalid("name", "at most 200 characters");
            }

            var created = await KeyAdmin.CreateSecretKeyAsync(db, tenant, [.. s.EnumerateArray().Select(e => e.GetString()!)], name, context.RequestAborted);
            return Results.Created($"/v1/admin/keys/{created.Record.Id}", created);
        }
    }

    private static IResult Invalid(string field, string reason) =>
        Results.BadRequest(new { error = "invalid_request", field, reason });
}
