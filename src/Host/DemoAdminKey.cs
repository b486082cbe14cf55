using Microsoft.Extensions.Options;
using Npgsql;
using Streaming.Ingest;
using Streaming.Platform.Security;
using Streaming.Platform.Security.Keys;

namespace Streaming.Host;

/// <summary>
/// The demo tenant's admin secret key, made fresh at every start and printed by the
/// <see cref="StartupBanner"/>: secret keys are stored hashed, so the only way to print one is to
/// create it; the key of the previous start is revoked, so at most one demo admin key works at a
/// time. Registered after ingest's demo seeder, which creates the tenant.
/// </summary>
internal sealed class DemoAdminKey(NpgsqlDataSource dataSource, IOptions<IngestOptions> options) : IHostedService
{
    public const string Name = "demo admin key (replaced at every start)";

    /// <summary>The key created at this start; null when no demo tenant is configured.</summary>
    public string? Key { get; private set; }

    public string? Tenant => options.Value.DemoTenant;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tenant = options.Value.DemoTenant;
        if (string.IsNullOrWhiteSpace(tenant) || !await KeyAdmin.TenantExistsAsync(dataSource, tenant, cancellationToken))
        {
            return;
        }

        await KeyAdmin.RevokeSecretKeysNamedAsync(dataSource, tenant, Name, cancellationToken);
        Key = (await KeyAdmin.CreateSecretKeyAsync(dataSource, tenant, [Scopes.Admin], Name, cancellationToken)).Key;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
