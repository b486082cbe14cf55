using System.Reflection;

namespace Streaming.Platform.Postgres.Migrations;

/// <summary>
/// One owner's migrations: the <c>NNNN_name.sql</c> resources embedded in its assembly. Each role
/// brings its own source for the tables it owns (register it with
/// <see cref="MigrationServiceExtensions.AddMigrations"/>); versions are unique across all sources,
/// so the ranges say who owns what (0001-0009 platform and event store, 0020s ingest, 0030s processors).
/// </summary>
public sealed class MigrationSource
{
    public MigrationSource(string name, Assembly assembly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(assembly);
        Name = name;
        Assembly = assembly;
        Migrations = Migration.FromAssembly(assembly);
    }

    /// <summary>The owner, for errors and logs (for example <c>processors</c>).</summary>
    public string Name { get; }

    public Assembly Assembly { get; }

    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The platform's own migrations: the tenants every role's tables belong to.</summary>
    public static MigrationSource Platform { get; } = new("platform", typeof(MigrationSource).Assembly);

    /// <summary>
    /// The migrations of all sources in version order. A source named twice counts once; two
    /// sources claiming one version are refused (each would believe the other's migration is its own).
    /// </summary>
    public static IReadOnlyList<Migration> Combine(IEnumerable<MigrationSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var owners = new Dictionary<int, MigrationSource>();
        var migrations = new List<Migration>();
        foreach (var source in sources.DistinctBy(s => s.Assembly))
        {
            foreach (var migration in source.Migrations)
            {
                if (!owners.TryAdd(migration.Version, source))
                {
                    throw new InvalidOperationException(
                        $"Migration version {migration.Version} is claimed by both {owners[migration.Version].Name} and {source.Name} ({migration.Name}).");
                }

                migrations.Add(migration);
            }
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }
}
