using Npgsql;

namespace Streaming.Projections.Daemon;

/// <summary>
/// The open transaction a projection batch runs in, and the collector of what it changed (sent as
/// NOTIFY on <see cref="ReadModelChanges.Channel"/> when the batch commits).
/// </summary>
public sealed class ProjectionContext
{
    private readonly Dictionary<(string TenantId, string ReadModel), HashSet<string>> _changes = [];

    internal ProjectionContext(string projection, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Projection = projection;
        Connection = connection;
        Transaction = transaction;
    }

    public string Projection { get; }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    internal IReadOnlyDictionary<(string TenantId, string ReadModel), HashSet<string>> Changes => _changes;

    /// <summary>Reports that a read-model row changed (for example tenant "acme", read model "profiles", key "p-42").</summary>
    public void Changed(string tenantId, string readModel, string key)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(readModel);
        ArgumentNullException.ThrowIfNull(key);
        if (!_changes.TryGetValue((tenantId, readModel), out var keys))
        {
            _changes[(tenantId, readModel)] = keys = [];
        }

        keys.Add(key);
    }

    /// <summary>A command on the batch's connection and transaction.</summary>
    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);
}
