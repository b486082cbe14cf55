using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Streaming.Platform.Kafka;
using Streaming.Platform.Postgres;

namespace Streaming.Platform.Hosting;

/// <summary>What every role needs: options, the Kafka bootstrap, the PostgreSQL data source, health.</summary>
public static class PlatformServiceExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>Registers the shared services once, however many roles in the process ask for them.</summary>
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(PlatformMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<PlatformMarker>();
        builder.Services.AddOptions<KafkaOptions>()
            .Bind(builder.Configuration.GetSection(KafkaOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<KafkaBootstrap>();
        builder.Services.AddHostedService<EmbeddedKafkaStarter>();

        var connectionString = builder.Configuration.GetConnectionString(PostgresOptions.ConnectionStringName)
            ?? PostgresOptions.LocalDefault;
        builder.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));

        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag])
            .AddCheck<KafkaHealthCheck>("kafka", tags: [ReadyTag]);
        builder.Services.TryAddSingleton<KafkaHealthCheck>();
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c>: the process is alive (no dependency checked).
    /// <c>/readyz</c>: PostgreSQL and Kafka answer; the body names each check and the bootstrap address.
    /// Both open to anyone (load balancers and orchestrators carry no key).
    /// </summary>
    public static IEndpointRouteBuilder MapPlatformEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return endpoints;
    }

    private sealed class PlatformMarker;
}
