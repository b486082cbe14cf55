using Microsoft.Extensions.Hosting;
using Streaming.Platform.Kafka;

namespace Streaming.Platform.Hosting;

/// <summary>Starts the embedded broker (when it is the one in use) before any role's client needs it.</summary>
internal sealed class EmbeddedKafkaStarter(KafkaBootstrap bootstrap) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = bootstrap.Servers;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
