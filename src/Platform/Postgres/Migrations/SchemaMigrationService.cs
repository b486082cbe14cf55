using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace Streaming.Platform.Postgres.Migrations;

/// <summary>Applies a role's migrations when the host starts, before the role's own services run.</summary>
public sealed class SchemaMigrationService(SchemaMigrator migrator, MigrationSource source) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        migrator.MigrateAsync(source.Migrations, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The assembly whose embedded <c>NNNN_name.sql</c> resources make up the schema.</summary>
public sealed class MigrationSource(Assembly assembly)
{
    public IReadOnlyList<Migration> Migrations { get; } = Migration.FromAssembly(assembly);
}
