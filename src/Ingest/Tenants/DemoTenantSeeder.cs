using Microsoft.Extensions.Options;
using Npgsql;

namespace Streaming.Ingest.Tenants;

/// <summary>
/// Creates the demo tenant and write key from configuration (<c>Ingest:DemoTenant</c>,
/// <c>Ingest:DemoWriteKey</c>) when both are set, and logs the key, so the all-in-one host can be
/// tried with curl right away. Runs after the schema migration (registered after it).
/// </summary>
internal sealed partial class DemoTenantSeeder(
    NpgsqlDataSource dataSource, WriteKeyCache cache, IOptions<IngestOptions> options, ILogger<DemoTenantSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tenant = options.Value.DemoTenant;
        var key = options.Value.DemoWriteKey;
        if (string.IsNullOrWhiteSpace(tenant) || string.IsNullOrWhiteSpace(key))
        {
            return;
        }

        await TenantAdmin.CreateTenantAsync(dataSource, tenant, tenant, cancellationToken);
        await TenantAdmin.AddWriteKeyAsync(dataSource, tenant, key, cancellationToken);
        await cache.RefreshAsync(cancellationToken);
        LogDemoKey(logger, tenant, key);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant {Tenant}: write key {WriteKey} (curl -u {WriteKey}: ...)")]
    private static partial void LogDemoKey(ILogger logger, string tenant, string writeKey);
}
