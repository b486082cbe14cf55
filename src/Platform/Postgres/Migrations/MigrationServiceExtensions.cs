using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streaming.Platform.Hosting;

namespace Streaming.Platform.Postgres.Migrations;

/// <summary>Registration of a role's migration source.</summary>
public static class MigrationServiceExtensions
{
    /// <summary>
    /// Adds <paramref name="source"/> (once, however many times it is named) and, the first time,
    /// the platform's own source and the service that migrates on start. Call it before the role
    /// registers its hosted services: the migration service is registered first, so the schema
    /// exists when they start.
    /// </summary>
    public static IHostApplicationBuilder AddMigrations(this IHostApplicationBuilder builder, MigrationSource source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.AddPlatform();
        if (builder.Services.All(d => d.ServiceType != typeof(SchemaMigrator)))
        {
            builder.Services.AddSingleton<SchemaMigrator>();
            builder.Services.AddSingleton(MigrationSource.Platform);
            builder.Services.AddHostedService<SchemaMigrationService>();
        }

        var registered = builder.Services
            .Where(d => d.ServiceType == typeof(MigrationSource))
            .Any(d => d.ImplementationInstance is MigrationSource s && s.Assembly == source.Assembly);
        if (!registered)
        {
            builder.Services.AddSingleton(source);
        }

        return builder;
    }
}
