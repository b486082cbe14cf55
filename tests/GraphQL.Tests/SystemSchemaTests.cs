using Microsoft.Extensions.Logging.Abstractions;
using Streaming.GraphQL.Execution;
using Streaming.GraphQL.ProductSchema;
using Streaming.GraphQL.Types;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Platform.Security;
using Streaming.TestSupport;

namespace Streaming.GraphQL.Tests;

/// <summary>The product schema's system part over a real, migrated database.</summary>
public sealed class SystemSchemaTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private GraphQLExecutor _executor = null!;
    private IReadOnlyList<int> _applied = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var migrations = MigrationSource.Combine([MigrationSource.Platform, Projections.EventStore.EventStoreSchema.Migrations]);
        _applied = await new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(migrations);
        var schema = new SchemaBuilder();
        new SystemSchemaPart(_database.DataSource).Configure(new ProductSchemaBuilder(schema));
        _executor = new GraphQLExecutor(schema.Build());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static TenantScope Reader { get; } = new("acme", new HashSet<string> { Scopes.Read }, Guid.NewGuid());

    [Fact]
    public async Task Root_fields_refuse_a_request_without_a_tenant_and_a_key_without_the_read_scope()
    {
        var anonymous = await TestSchema.RunAsync(_executor, "{ serverTime }");
        var privacyOnly = await TestSchema.RunAsync(_executor, "{ schemaMigrations { version } }", tenant: new TenantScope("acme", new HashSet<string> { Scopes.Privacy }, Guid.NewGuid()));

        Assert.Equal("UNAUTHENTICATED", anonymous.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, anonymous.GetProperty("data").ValueKind);
        Assert.Equal("FORBIDDEN", privacyOnly.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, privacyOnly.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task Schema_migrations_are_read_from_the_database()
    {
        var result = await TestSchema.RunAsync(_executor, "{ serverTime schemaMigrations { version name checksum appliedAt } }", tenant: Reader);
        var rows = result.GetProperty("data").GetProperty("schemaMigrations").EnumerateArray().ToList();
        Assert.Equal(_applied, rows.Select(r => r.GetProperty("version").GetInt32()));
        Assert.All(rows, r => Assert.Equal(64, r.GetProperty("checksum").GetString()!.Length));
        Assert.True(DateTimeOffset.Parse(result.GetProperty("data").GetProperty("serverTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Server_time_subscription_ticks_with_increasing_times()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var times = new List<string>();
        await foreach (var result in _executor.SubscribeAsync(new GraphQLRequest("subscription { serverTime(intervalMs: 20) }"), new ExecuteOptions { Tenant = Reader }, cancel.Token))
        {
            using var json = System.Text.Json.JsonDocument.Parse(ResultWriter.ToBytes(result));
            times.Add(json.RootElement.GetProperty("data").GetProperty("serverTime").GetString()!);
            if (times.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(times.Order(StringComparer.Ordinal), times);
        Assert.Equal(3, times.Distinct().Count());
    }
}
