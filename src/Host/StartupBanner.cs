using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Streaming.Platform.Kafka;

namespace Streaming.Host;

/// <summary>Once the server listens, tells the person who ran it where everything is.</summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    KafkaBootstrap kafka,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogUrls(logger, address);
            }

            LogKafka(logger, kafka.Servers, kafka.IsEmbedded ? "embedded" : "external");
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Streaming CDP is up at {Address} (health: {Address}/healthz, readiness: {Address}/readyz)")]
    private static partial void LogUrls(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka bootstrap: {BootstrapServers} ({Kind})")]
    private static partial void LogKafka(ILogger logger, string bootstrapServers, string kind);
}
