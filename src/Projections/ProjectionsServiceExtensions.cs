using Microsoft.Extensions.DependencyInjection.Extensions;
using Streaming.Platform.Hosting;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Projections.Daemon;
using Streaming.Projections.EventStore;

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

    /// <summary>
    /// The schema plus an <see cref="EventStore.EventStore"/> singleton (and its <see cref="EventTypeMap"/>).
    /// Roles that append or read events call it; map event types with
    /// <c>services.Configure&lt;EventStoreOptions&gt;(o =&gt; o.MapEventType&lt;T&gt;("name"))</c>.
    /// </summary>
    public static IHostApplicationBuilder AddEventStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEventStoreSchema();
        builder.Services.AddOptions<EventStoreOptions>().Bind(builder.Configuration.GetSection(EventStoreOptions.Section));
        builder.Services.TryAddSingleton<EventTypeMap>();
        builder.Services.TryAddSingleton<EventStore.EventStore>();
        return builder;
    }

    /// <summary>
    /// The whole role: schema, event store, the projection daemon (settings under <c>Projections:Daemon</c>)
    /// and <see cref="ProjectionAdmin"/>. Projections are declared with <see cref="AddProjection{T}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddProjections(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEventStore();
        if (builder.Services.All(d => d.ServiceType != typeof(ProjectionAdmin)))
        {
            builder.Services.AddOptions<ProjectionDaemonOptions>().Bind(builder.Configuration.GetSection(ProjectionDaemonOptions.Section));
            builder.Services.AddSingleton<ProjectionAdmin>();
            builder.Services.AddSingleton<ProjectionDaemon>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ProjectionDaemon>());
        }

        return builder;
    }

    /// <summary>Declares a projection: the daemon runs it (in one process at a time) once the host starts.</summary>
    public static IServiceCollection AddProjection<T>(this IServiceCollection services)
        where T : class, IProjection
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProjection, T>());
        return services;
    }
}
