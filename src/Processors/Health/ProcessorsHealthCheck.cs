using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streaming.Processors.Health;

/// <summary><c>/readyz</c>: unhealthy while the processors' stream is stopped by a fault (restarting with backoff), naming the fault.</summary>
public sealed class ProcessorsHealthCheck(ProcessorsStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["partitions"] = string.Join(",", status.AssignedPartitions.Order()),
            ["restarts"] = status.Restarts,
        };
        return Task.FromResult(status.Failure is { } failure
            ? HealthCheckResult.Unhealthy("stream stopped, restarting: " + failure, data: data)
            : HealthCheckResult.Healthy(status.Running ? "stream running" : "stream starting", data));
    }
}
