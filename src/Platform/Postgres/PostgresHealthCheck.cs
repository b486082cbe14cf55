using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Streaming.Platform.Postgres;

/// <summary>Ready when a pooled connection can run a trivial query.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{dataSource.ConnectionString.Split(';').FirstOrDefault()}");
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable: " + ex.Message, ex);
        }
    }
}
