using Microsoft.Extensions.Logging;
using Npgsql;

namespace Streaming.Platform.Postgres.Migrations;

/// <summary>
/// Applies versioned migrations in one transaction under an advisory lock, so several processes
/// starting at once apply each migration exactly once and none sees a half-applied schema.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // Any constant works; it only has to be the same in every process that migrates this database.
    private const long MigrationLockKey = 0x5C_D9_00_01;

    /// <summary>Applies what is missing and returns the versions it applied (empty when up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await Execute(connection, $"select pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
        await Execute(connection, """
            create schema if not exists cdp;
            create table if not exists cdp.schema_migrations (
                version    integer primary key,
                name       text not null,
                checksum   text not null,
                applied_at timestamptz not null default now()
            );
            """, cancellationToken);

        var applied = await ReadApplied(connection, cancellationToken);
        var done = new List<int>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version} ({migration.Name}) was changed after it was applied; add a new migration instead.");
                }

                continue;
            }

            await Execute(connection, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "insert into cdp.schema_migrations (version, name, checksum) values ($1, $2, $3)", connection);
            record.Parameters.Add(new() { Value = migration.Version });
            record.Parameters.Add(new() { Value = migration.Name });
            record.Parameters.Add(new() { Value = migration.Checksum });
            await record.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(logger, migration.Version, migration.Name);
            done.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    private static async Task<Dictionary<int, string>> ReadApplied(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select version, checksum from cdp.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
