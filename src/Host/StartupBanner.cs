using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Streaming.Platform.Kafka;

namespace Streaming.Host;

/// <summary>Once the server listens, tells the person who ran it where everything is.</summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    KafkaBootstrap kafka,
    DemoAdminKey demoKey,
    Microsoft.Extensions.Options.IOptions<Ingest.IngestOptions> ingest,
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
            if (demoKey.Key is { } key)
            {
                LogDemoKeys(logger, demoKey.Tenant!, ingest.Value.DemoWriteKey ?? "(none)", key);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Streaming CDP is up at {Address} (health: {Address}/healthz, readiness: {Address}/readyz)")]
    private static partial void LogUrls(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant {Tenant}: write key {WriteKey} (curl -u {WriteKey}: ...), admin secret key {AdminKey} (KEY={AdminKey}; curl -H \"authorization: Bearer $KEY\" ...), new at every start")]
    private static partial void LogDemoKeys(ILogger logger, string tenant, string writeKey, string adminKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka bootstrap: {BootstrapServers} ({Kind})")]
    private static partial void LogKafka(ILogger logger, string bootstrapServers, string kind);
}
