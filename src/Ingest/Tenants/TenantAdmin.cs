using Npgsql;

namespace Streaming.Ingest.Tenants;

/// <summary>The few writes ingest makes to its tables: tenants and their write keys (idempotent).</summary>
public static class TenantAdmin
{
    public static async Task CreateTenantAsync(NpgsqlDataSource dataSource, string id, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (id.Contains('/', StringComparison.Ordinal))
        {
            // The Kafka key is "{tenant}/u/{userId}": a slash would make it ambiguous.
            throw new ArgumentException("A tenant id must not contain '/'.", nameof(id));
        }

        await using var command = dataSource.CreateCommand(
            "insert into cdp.tenants (id, name) values ($1, $2) on conflict (id) do nothing");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task AddWriteKeyAsync(NpgsqlDataSource dataSource, string tenantId, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "insert into cdp.write_keys (key, tenant_id) values ($1, $2) on conflict (key) do nothing");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(tenantId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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
