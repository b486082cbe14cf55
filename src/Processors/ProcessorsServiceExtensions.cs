using Akka.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Streaming.Platform.Kafka.Backpressure;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Platform.Security;
using Streaming.Processors.Gdpr;
using Streaming.Processors.Health;
using Streaming.Processors.Kafka;
using Streaming.Processors.Migrations;
using Streaming.Processors.Store;
using Streaming.Processors.Topology;
using Streaming.Projections;

namespace Streaming.Processors;

/// <summary>Wiring of the stream-processing role.</summary>
public static class ProcessorsServiceExtensions
{
    public static IHostApplicationBuilder AddProcessors(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEventStore();
        builder.AddMigrations(ProcessorsSchema.Migrations);
        builder.AddConsumerLagMonitor();
        builder.AddApiKeySecurity();
        builder.Services.AddOptions<ProcessorOptions>()
            .Bind(builder.Configuration.GetSection(ProcessorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<IEventSink, EventStoreSink>();
        builder.Services.TryAddSingleton<IProfileStore, PostgresProfileStore>();
        builder.Services.TryAddSingleton<DeadLetterPublisher>();
        builder.Services.TryAddSingleton<ProcessorMetrics>();
        builder.Services.TryAddSingleton<ProcessorsStatus>();
        builder.Services.AddHealthChecks().AddCheck<ProcessorsHealthCheck>("processors", tags: ["ready"]);
        builder.Services.TryAddSingleton<SuppressionHash>();
        builder.Services.TryAddSingleton<ProfilePrivacy>();
        if (builder.Configuration.GetValue($"{ProcessorOptions.Section}:{nameof(ProcessorOptions.ConsumerEnabled)}", true))
        {
            builder.Services.AddAkka("cdp-processors", akka => akka
                // The host owns shutdown: the graph drains and commits before the actor system stops.
                .AddHocon("akka.coordinated-shutdown { exit-clr = off, run-by-clr-shutdown-hook = off }", HoconAddMode.Prepend)
                .ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                }));
            builder.Services.AddHostedService<ProcessorService>();
        }

        return builder;
    }

    /// <summary>The processors' HTTP surface: GDPR export and erasure (a secret key with the <c>privacy</c> scope).</summary>
    public static IEndpointRouteBuilder MapProcessors(this IEndpointRouteBuilder endpoints) => endpoints.MapGdpr();
}
