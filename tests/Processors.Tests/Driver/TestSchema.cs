using Streaming.Platform.Postgres.Migrations;
using Streaming.Processors.Migrations;
using Streaming.Projections.EventStore;

namespace Streaming.Processors.Tests.Driver;

/// <summary>The tables the processors read and write: their own, the event store's, and the tenants and write keys they check records against.</summary>
public static class TestSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
        MigrationSource.Combine([MigrationSource.Platform, EventStoreSchema.Migrations, ProcessorsSchema.Migrations]);

    /// <summary>Tenant "acme" and the write key <see cref="TestRecords"/> carry.</summary>
    public const string SeedAcme =
        "insert into cdp.tenants (id, name) values ('acme', 'Acme'); insert into cdp.write_keys (key, tenant_id) values ('" + TestRecords.WriteKey + "', 'acme')";
}
