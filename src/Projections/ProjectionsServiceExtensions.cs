using Streaming.Platform.Hosting;
using Streaming.Platform.Postgres.Migrations;

namespace Streaming.Projections;

/// <summary>Wiring of the event-store and read-side role.</summary>
public static class ProjectionsServiceExtensions
{
    /// <summary>The database schema, migrated on start. Every role that touches PostgreSQL adds it.</summary>
    public static IHostApplicationBuilder AddEventStoreSchema(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPlatform();
        if (builder.Services.All(d => d.ServiceType != typeof(MigrationSource)))
        {
            builder.Services.AddSingleton(new MigrationSource(typeof(ProjectionsServiceExtensions).Assembly));
            builder.Services.AddSingleton<SchemaMigrator>();
            // Registered before the roles' own hosted services, so the schema exists when they start.
            builder.Services.AddHostedService<SchemaMigrationService>();
        }

        return builder;
    }

    public static IHostApplicationBuilder AddProjections(this IHostApplicationBuilder builder)
    {
        builder.AddEventStoreSchema();
        return builder;
    }
}
