using Streaming.Platform.Postgres.Migrations;

namespace Streaming.Projections.EventStore;

/// <summary>The event store's tables (<c>Migrations/0002_event_store.sql</c>): streams, events, snapshots, projection progress.</summary>
public static class EventStoreSchema
{
    public static MigrationSource Migrations { get; } = new("event-store", typeof(EventStoreSchema).Assembly);
}
