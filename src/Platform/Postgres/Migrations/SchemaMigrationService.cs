using Microsoft.Extensions.Hosting;

namespace Streaming.Platform.Postgres.Migrations;

/// <summary>
/// Applies every registered role's migrations when the host starts, before the roles' own
/// services run: all sources together, in version order.
/// </summary>
public sealed class SchemaMigrationService(SchemaMigrator migrator, IEnumerable<MigrationSource> sources) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        migrator.MigrateAsync(MigrationSource.Combine(sources), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
