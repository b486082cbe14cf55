using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Projections.EventStore;
using Streaming.TestSupport;

namespace Streaming.Projections.Tests.Support;

/// <summary>A throwaway database with the platform's and the event store's tables, for one test class.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    private TestDatabase? _database;

    public NpgsqlDataSource DataSource => _database!.DataSource;

    public string ConnectionString => _database!.ConnectionString;

    public static Task MigrateAsync(NpgsqlDataSource dataSource) =>
        new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(MigrationSource.Combine([MigrationSource.Platform, EventStoreSchema.Migrations]));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await MigrateAsync(_database.DataSource);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
