using Npgsql;
using Streaming.Platform.Security.Keys;

namespace Streaming.Ingest.Tenants;

/// <summary>The few writes ingest makes to its tables: tenants, their write keys (idempotent) and rate limits.</summary>
public static class TenantAdmin
{
    public static Task CreateTenantAsync(NpgsqlDataSource dataSource, string id, string name, CancellationToken cancellationToken) =>
        KeyAdmin.CreateTenantAsync(dataSource, id, name, cancellationToken);

    public static Task AddWriteKeyAsync(NpgsqlDataSource dataSource, string tenantId, string key, CancellationToken cancellationToken) =>
        KeyAdmin.CreateWriteKeyAsync(dataSource, tenantId, key, cancellationToken);

    public static async Task RevokeWriteKeyAsync(NpgsqlDataSource dataSource, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "update cdp.write_keys set revoked_at = now() where key = $1 and revoked_at is null");
        command.Parameters.AddWithValue(key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task SetRateLimitAsync(NpgsqlDataSource dataSource, string tenantId, int eventsPerSecond, int burst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("""
            insert into cdp.tenant_ingest_limits (tenant_id, events_per_second, burst) values ($1, $2, $3)
            on conflict (tenant_id) do update set events_per_second = excluded.events_per_second, burst = excluded.burst
            """);
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(eventsPerSecond);
        command.Parameters.AddWithValue(burst);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
