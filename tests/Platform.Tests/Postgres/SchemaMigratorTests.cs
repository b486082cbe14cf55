using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Streaming.Platform.Postgres.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streaming.Ingest;
using Streaming.Processors;
using Streaming.Processors.Migrations;
using Streaming.Projections.EventStore;
using Streaming.TestSupport;

namespace Streaming.Platform.Tests.Postgres;

public sealed class SchemaMigratorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private static readonly MigrationSource[] RoleSources =
    [
        MigrationSource.Platform, EventStoreSchema.Migrations, ProcessorsSchema.Migrations,
    ];

    private static IReadOnlyList<Migration> ProjectMigrations => MigrationSource.Combine(RoleSources);

    [Fact]
    public void Each_role_brings_its_own_migrations_under_the_versions_names_and_checksums_already_applied()
    {
        // What databases migrated before the roles owned their migrations recorded: any difference
        // would re-apply a migration (new version) or refuse to start (changed checksum).
        (string Source, int Version, string Name, string Checksum)[] recorded =
        [
            ("platform", 1, "foundation", "6c1746440251b97c610008e2e9b61e3b83c56994c93d9025b46939d00741a143"),
            ("event-store", 2, "event_store", "06da4c7390d5edd17e46a065f984b79cbc01693bb5ca669f5fbda606ef67844c"),
            ("platform", 10, "security_keys", "74d3353f311822f327a5f860484f2512fadc14b17aae6ffd5c4f9a4af3c82ff8"),
            ("platform", 20, "ingest_write_keys", "80bcfe54b14f9b7ce7fdab166b773dc2bff47bdaebfec47d883ae6a5da3c8bd7"),
            ("processors", 30, "processor_profiles", "8e435ad7d1c88661f94ab959e946013fd0a6e6eba0d0d2cdd11750780cbb743b"),
            ("processors", 31, "profile_hot_updates", "7f03b2844ac7e191ea8793eb364208651456eb9e3c35c1b4606c0a91827845be"),
        ];

        var actual = RoleSources.SelectMany(s => s.Migrations.Select(m => (s.Name, m.Version, m.Name, m.Checksum))).OrderBy(m => m.Version);

        Assert.Equal(recorded, actual);
    }

    [Fact]
    public void Sources_combine_in_version_order_whatever_order_they_are_registered_in()
    {
        var combined = MigrationSource.Combine([ProcessorsSchema.Migrations, EventStoreSchema.Migrations, MigrationSource.Platform, ProcessorsSchema.Migrations]);

        Assert.Equal([1, 2, 10, 20, 30, 31], combined.Select(m => m.Version));
    }

    [Fact]
    public void Two_sources_claiming_one_version_are_refused()
    {
        var clash = new MigrationSource("clash", typeof(SchemaMigratorTests).Assembly);

        var error = Assert.Throws<InvalidOperationException>(() => MigrationSource.Combine([ProcessorsSchema.Migrations, clash]));

        Assert.Contains("claimed by both processors and clash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_migrated_by_one_role_gets_only_the_other_roles_tables_from_the_next()
    {
        var migrator = new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance);

        var ingest = await migrator.MigrateAsync(MigrationSource.Combine([MigrationSource.Platform]));
        var processors = await migrator.MigrateAsync(MigrationSource.Combine([MigrationSource.Platform, EventStoreSchema.Migrations, ProcessorsSchema.Migrations]));
        var all = await migrator.MigrateAsync(ProjectMigrations);

        Assert.Equal([1, 10, 20], ingest);
        Assert.Equal([2, 30, 31], processors);
        Assert.Empty(all);
    }

    [Fact]
    public void Each_role_registers_its_own_source_once()
    {
        var ingest = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        ingest.AddIngest();
        ingest.AddIngest();
        var processors = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        processors.AddProcessors();

        Assert.Equal(["platform"], Sources(ingest));
        Assert.Equal(["platform", "event-store", "processors"], Sources(processors));
    }

    private static List<string> Sources(HostApplicationBuilder builder) =>
        [.. builder.Services.Where(d => d.ServiceType == typeof(MigrationSource)).Select(d => ((MigrationSource)d.ImplementationInstance!).Name)];

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
