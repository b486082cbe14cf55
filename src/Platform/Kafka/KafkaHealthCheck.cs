using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streaming.Platform.Kafka;

/// <summary>Ready when a metadata request to the cluster answers with the events topic in it.</summary>
public sealed class KafkaHealthCheck(KafkaBootstrap bootstrap) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(() =>
        new AdminClientBuilder(new AdminClientConfig
        {
            BootstrapServers = bootstrap.Servers,
            ClientId = "cdp-health",
            SocketTimeoutMs = 3_000,
        }).Build());

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["bootstrapServers"] = bootstrap.Servers,
            ["embedded"] = bootstrap.IsEmbedded,
        };
        try
        {
            var metadata = _admin.Value.GetMetadata(Topics.Events.Name, TimeSpan.FromSeconds(3));
            var topic = metadata.Topics.SingleOrDefault(t => t.Topic == Topics.Events.Name);
            if (topic is null || topic.Error.IsError)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy(
                    $"topic {Topics.Events.Name} is not available: {topic?.Error.Reason ?? "missing"}", data: data));
            }

            data["brokers"] = metadata.Brokers.Count;
            return Task.FromResult(HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) reachable", data));
        }
        catch (KafkaException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Kafka is not reachable: " + ex.Error.Reason, ex, data));
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
