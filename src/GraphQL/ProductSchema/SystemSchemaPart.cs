using System.Runtime.CompilerServices;
using Npgsql;
using Streaming.GraphQL.Postgres;
using Streaming.GraphQL.Types;
using Streaming.Platform.Security;

namespace Streaming.GraphQL.ProductSchema;

/// <summary>
/// The part of the product schema about the running system: server time, the applied schema
/// migrations (cdp.schema_migrations), and a subscription that ticks the server time. Nothing in
/// it belongs to a tenant, but like every root field it needs a key with the <c>read</c> scope.
/// </summary>
public sealed class SystemSchemaPart([FromKeyedServices(GraphQLPostgresOptions.DataSourceKey)] NpgsqlDataSource dataSource) : IProductSchemaPart
{
    public void Configure(ProductSchemaBuilder schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var migration = new ObjectType("SchemaMigration", "A database schema migration that has been applied.");
        migration.Field("version", Scalars.Int.NonNull(), c => ((MigrationRow)c.Source!).Version);
        migration.Field("name", Scalars.String.NonNull(), c => ((MigrationRow)c.Source!).Name);
        migration.Field("checksum", Scalars.String.NonNull(), c => ((MigrationRow)c.Source!).Checksum, "SHA-256 of the migration's SQL.");
        migration.Field("appliedAt", CustomScalars.DateTime.NonNull(), c => ((MigrationRow)c.Source!).AppliedAt);

        schema.Query("serverTime", CustomScalars.DateTime.NonNull(), Scopes.Read, (_, _) => DateTimeOffset.UtcNow, "The server's current time.");
        schema.Query("schemaMigrations", migration.NonNull().List().NonNull(), Scopes.Read, (c, _) => ReadMigrations(c.CancellationToken),
            "The database schema migrations applied, oldest first.");
        schema.Subscription("serverTime", CustomScalars.DateTime.NonNull(), Scopes.Read,
                (c, _) => Tick(Math.Max(10, c.Argument<int>("intervalMs")), c.CancellationToken), "The server's time, every intervalMs milliseconds.")
            .Argument("intervalMs", Scalars.Int.NonNull(), "Milliseconds between ticks (at least 10).", 1000, hasDefault: true);
    }

    private async Task<object?> ReadMigrations(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select version, name, checksum, applied_at from cdp.schema_migrations order by version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<MigrationRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MigrationRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return rows;
    }

    private static async IAsyncEnumerable<object?> Tick(int intervalMs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(intervalMs));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            yield return DateTimeOffset.UtcNow;
        }
    }

    private sealed record MigrationRow(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);
}
