using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Streaming.Ingest.Tenants;

/// <summary>
/// Active write keys, held in memory and reloaded from PostgreSQL every
/// <see cref="IngestOptions.KeyRefreshInterval"/>, so a lookup never touches the database and a
/// revoked key stops working within one interval. Until the first load succeeds every key is unknown.
/// </summary>
internal sealed partial class WriteKeyCache(
    NpgsqlDataSource dataSource, IOptions<IngestOptions> options, ILogger<WriteKeyCache> logger) : BackgroundService
{
    private const string Sql = """
        select k.key, k.tenant_id, l.events_per_second, l.burst
        from cdp.write_keys k
        left join cdp.tenant_ingest_limits l on l.tenant_id = k.tenant_id
        where k.revoked_at is null
        """;

    private volatile FrozenDictionary<string, WriteKeyRecord> _keys = FrozenDictionary<string, WriteKeyRecord>.Empty;
    private volatile FrozenDictionary<string, WriteKeyRecord> _byTenant = FrozenDictionary<string, WriteKeyRecord>.Empty;

    /// <summary>The active key, or null when it is unknown or revoked.</summary>
    public WriteKeyRecord? Find(string key) => _keys.GetValueOrDefault(key);

    /// <summary>
    /// An active key of the tenant, or null: events the edge makes itself (email opens and clicks)
    /// carry one so they pass the same write-key check as every other record.
    /// </summary>
    public WriteKeyRecord? FindByTenant(string tenantId) => _byTenant.GetValueOrDefault(tenantId);

    /// <summary>Reloads now (tests and the demo seeder use it so they need not wait for the timer).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var defaults = options.Value;
        var keys = new Dictionary<string, WriteKeyRecord>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(Sql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetString(0);
                keys[key] = new WriteKeyRecord(
                    key,
                    reader.GetString(1),
                    reader.IsDBNull(2) ? defaults.RateLimitEventsPerSecond : reader.GetInt32(2),
                    reader.IsDBNull(3) ? defaults.RateLimitBurst : reader.GetInt32(3));
            }
        }

        _byTenant = keys.Values
            .GroupBy(k => k.TenantId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(k => k.Key, StringComparer.Ordinal).First(), StringComparer.Ordinal);
        _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyRefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // Keep serving the last good set: a database hiccup must not lock every client out.
                LogRefreshFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write keys could not be reloaded; the previous set stays in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
