using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streaming.Platform.Hosting;

namespace Streaming.Platform.Kafka.Backpressure;

public static class ConsumerLagServiceExtensions
{
    /// <summary>Registers the <see cref="ConsumerLagMonitor"/> singleton (idempotent: ingest and processors may both call it).</summary>
    public static IHostApplicationBuilder AddConsumerLagMonitor(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPlatform();
        builder.Services.AddOptions<ConsumerLagOptions>()
            .Bind(builder.Configuration.GetSection(ConsumerLagOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<ProducedBytesLedger>();
        builder.Services.TryAddSingleton<ConsumerLagMonitor>();
        return builder;
    }
}
