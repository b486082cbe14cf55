using Streaming.Processors.Migrations;
using Streaming.Projections.EventStore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Streaming.Platform.Postgres;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Platform.Security;
using Streaming.Platform.Security.Keys;

namespace Streaming.Host.Admin;

/// <summary>
/// <c>./streaming admin ...</c>: the operator's tool for tenants and keys, straight on the
/// database (ConnectionStrings__Postgres, else the local server); it applies the schema first.
/// A secret key is printed once, when it is created or rotated, and never again.
/// </summary>
public static class AdminCommand
{
    public const string Usage = """
        usage: ./streaming admin COMMAND
          tenant create ID [NAME]                          create a tenant (no-op if it exists)
          key create TENANT --scopes read,privacy [--name NAME]
                                                           a secret key (scopes: read, definitions, privacy, admin)
          key create TENANT --write                        a write key (pk_live_...)
          key list TENANT                                  every key of the tenant (secret keys by id and hint)
          key revoke TENANT ID|WRITE_KEY                   revoke (stops working within seconds)
          key rotate TENANT ID                             a new secret key with the same scopes; the old one revoked
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? PostgresOptions.LocalDefault;
        await using var db = NpgsqlDataSource.Create(connectionString);
        try
        {
            await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance)
                .MigrateAsync(MigrationSource.Combine([MigrationSource.Platform, EventStoreSchema.Migrations, ProcessorsSchema.Migrations]));
            return await RunAsync(db, args, output, errors);
        }
        catch (ArgumentException ex)
        {
            await errors.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            await errors.WriteLineAsync("no such tenant (create it with: ./streaming admin tenant create ID)");
            return 1;
        }
    }

    public static async Task<int> RunAsync(NpgsqlDataSource db, string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        switch (args)
        {
            case ["tenant", "create", var id, .. var rest]:
                var created = await KeyAdmin.CreateTenantAsync(db, id, rest.Length > 0 ? string.Join(' ', rest) : id, default);
                await output.WriteLineAsync(created ? $"tenant {id} created" : $"tenant {id} exists");
                return 0;
            case ["key", "create", var tenant, "--write"]:
                await output.WriteLineAsync(await KeyAdmin.CreateWriteKeyAsync(db, tenant, null, default));
                return 0;
            case ["key", "create", var tenant, .. var options]:
                var scopes = Option(options, "--scopes")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (scopes is null)
                {
                    break;
                }

                var key = await KeyAdmin.CreateSecretKeyAsync(db, tenant, scopes, Option(options, "--name") ?? "created with ./streaming admin", default);
                await output.WriteLineAsync($"{key.Key}\nid {key.Record.Id}, scopes {string.Join(",", key.Record.Scopes)} (shown once: store it now)");
                return 0;
            case ["key", "list", var tenant]:
                foreach (var k in await KeyAdmin.ListAsync(db, tenant, default))
                {
                    await output.WriteLineAsync(string.Join('\t',
                        k.Kind == ApiKeyKind.Secret ? k.Id.ToString() : k.Hint,
                        k.Kind.ToString().ToLowerInvariant(),
                        k.Kind == ApiKeyKind.Secret ? k.Hint + "..." : "",
                        string.Join(",", k.Scopes),
                        k.RevokedAt is null ? "active" : "revoked " + k.RevokedAt.Value.ToString("u"),
                        k.Name));
                }

                return 0;
            case ["key", "revoke", var tenant, var id]:
                var revoked = Guid.TryParse(id, out var keyId)
                    ? await KeyAdmin.RevokeSecretKeyAsync(db, tenant, keyId, default)
                    : await KeyAdmin.RevokeWriteKeyAsync(db, tenant, id, default);
                await (revoked ? output : errors).WriteLineAsync(revoked ? "revoked" : "no such active key in this tenant");
                return revoked ? 0 : 1;
            case ["key", "rotate", var tenant, var id] when Guid.TryParse(id, out var rotateId):
                if (await KeyAdmin.RotateSecretKeyAsync(db, tenant, rotateId, default) is not { } rotated)
                {
                    await errors.WriteLineAsync("no such active secret key in this tenant");
                    return 1;
                }

                await output.WriteLineAsync($"{rotated.Key}\nid {rotated.Record.Id} replaces {id} (shown once: store it now)");
                return 0;
        }

        await errors.WriteLineAsync(Usage);
        return 2;
    }

    private static string? Option(string[] options, string name)
    {
        var at = Array.IndexOf(options, name);
        return at >= 0 && at + 1 < options.Length ? options[at + 1] : null;
    }
}
