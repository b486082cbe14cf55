using Streaming.Platform.Postgres.Migrations;

namespace Streaming.Ingest.Migrations;

/// <summary>Ingest's tables (<c>0020_ingest_write_keys.sql</c>): write keys and per-tenant rate limits.</summary>
public static class IngestSchema
{
    public static MigrationSource Migrations { get; } = new("ingest", typeof(IngestSchema).Assembly);
}
