using Streaming.Platform.Postgres.Migrations;

namespace Streaming.Processors.Migrations;

/// <summary>
/// The processors' read models (<c>0030_processor_profiles.sql</c>, <c>0031_profile_hot_updates.sql</c>):
/// profiles, identity links, timeline, handled messages, suppressions. Only the processors write them.
/// </summary>
public static class ProcessorsSchema
{
    public static MigrationSource Migrations { get; } = new("processors", typeof(ProcessorsSchema).Assembly);
}
