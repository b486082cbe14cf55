using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Projections;
using Streaming.TestSupport;

namespace Streaming.Platform.Tests.Postgres;

public sealed class SchemaMigratorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private static IReadOnlyList<Migration> ProjectMigrations =>
        MigrationSource.Combine([MigrationSource.Platform, Projections.EventStore.EventStoreSchema.Migrations, Ingest.Migrations.IngestSchema.Migrations, Processors.Migrations.ProcessorsSchema.Migrations]);

    [Fact]
    public async Task Running_the_migrations_twice_applies_them_once_and_the_second_run_does_nothing()
    {
        var migrator = new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance);

        var first = await migrator.MigrateAsync(ProjectMigrations);
        var second = await migrator.MigrateAsync(ProjectMigrations);

        Assert.Equal(ProjectMigrations.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(ProjectMigrations.Count, await Scalar<long>("select count(*) from cdp.schema_migrations"));
        Assert.Equal(1, await Scalar<int>("select count(*)::int from information_schema.tables where table_schema = 'cdp' and table_name = 'tenants'"));
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_exactly_once()
    {
        var migrations = ProjectMigrations;
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
        {
            var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
            return new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(migrations);
        }));

        Assert.Equal(migrations.Select(m => m.Version), runs.SelectMany(r => r).Order());
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_is_refused()
    {
        var migrator = new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync([new Migration(1, "one", "create table cdp.t1 (id int)")]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            migrator.MigrateAsync([new Migration(1, "one", "create table cdp.t1 (id bigint)")]));

        Assert.Contains("was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_behind()
    {
        var migrator = new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance);

        await Assert.ThrowsAsync<PostgresException>(() => migrator.MigrateAsync(
        [
            new Migration(1, "good", "create table cdp.good (id int)"),
            new Migration(2, "bad", "create table cdp.bad (id no_such_type)"),
        ]));

        Assert.Equal(0, await Scalar<int>("select count(*)::int from information_schema.tables where table_schema = 'cdp'"));
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
