using Microsoft.Extensions.DependencyInjection.Extensions;
using Streaming.Projections.Daemon;

namespace Streaming.Projections;

/// <summary>Wiring of the event-store and read-side role.</summary>
public static class ProjectionsServiceExtensions
{
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
