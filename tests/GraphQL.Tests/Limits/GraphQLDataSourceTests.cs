using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Postgres;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Platform.Security;
using Streaming.TestSupport;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>Resolvers run on a PostgreSQL pool of their own: exhausting it leaves the other roles' pool untouched.</summary>
public sealed class GraphQLDataSourceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var migrations = MigrationSource.Combine([MigrationSource.Platform, Projections.EventStore.EventStoreSchema.Migrations]);
        await new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(migrations);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["GraphQL:Postgres:MaxPoolSize"] = "2",
            ["GraphQL:Postgres:ConnectionTimeoutSeconds"] = "1",
        });
        builder.AddGraphQL();
        _host = builder.Build();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Exhausting_the_resolvers_pool_leaves_the_shared_pool_free()
    {
        var resolvers = _host.Services.GetRequiredKeyedService<NpgsqlDataSource>(GraphQLPostgresOptions.DataSourceKey);
        var shared = _host.Services.GetRequiredService<NpgsqlDataSource>();
        var executor = _host.Services.GetRequiredService<GraphQLExecutor>();
        const string query = "{ schemaMigrations { version } }";
        var reader = new TenantScope("acme", new HashSet<string> { Scopes.Read }, Guid.NewGuid());

        var first = await resolvers.OpenConnectionAsync();
        await using (first)
        await using (var second = await resolvers.OpenConnectionAsync())
        {
            await using var name = new NpgsqlCommand("select current_setting('application_name')", second);
            Assert.Equal(GraphQLDataSource.ApplicationName, await name.ExecuteScalarAsync());

            // Every resolver connection is taken: the field fails (with an id, not Npgsql's message) ...
            var starved = await TestSchema.RunAsync(executor, query, tenant: reader);
            InternalErrorAssert.Shape(starved.GetProperty("errors")[0]);

            // ... while the processors' pool still serves.
            await using var other = await shared.OpenConnectionAsync();
            await using var one = new NpgsqlCommand("select 1", other);
            Assert.Equal(1, await one.ExecuteScalarAsync());
        }

        var served = await TestSchema.RunAsync(executor, query, tenant: reader);
        Assert.True(served.GetProperty("data").GetProperty("schemaMigrations").GetArrayLength() > 0);
    }
}
