using System.Text.Json;
using Npgsql;

namespace Streaming.Projections.EventStore;

public sealed partial class EventStore
{
    /// <summary>Folds a stream into its current state, starting from the latest snapshot when there is one.</summary>
    public async Task<Aggregate<T>> AggregateStreamAsync<T>(
        string tenantId, string streamId, Aggregation<T> aggregation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregation);
        var (state, version) = await ReadSnapshotAsync(tenantId, streamId, aggregation, cancellationToken);
        var fromSnapshot = version > 0;
        var snapshotVersion = version;
        state ??= aggregation.Create();
        foreach (var e in await ReadStreamAsync(tenantId, streamId, version + 1, cancellationToken: cancellationToken))
        {
            state = aggregation.Apply(state, e);
            version = e.Version;
        }

        if (aggregation.SnapshotEvery > 0 && version - snapshotVersion >= aggregation.SnapshotEvery)
        {
            await WriteSnapshotAsync(tenantId, streamId, aggregation.Name, version, state, cancellationToken);
        }

        return new Aggregate<T>(state, version, fromSnapshot);
    }

    private async Task<(T? State, long Version)> ReadSnapshotAsync<T>(
        string tenantId, string streamId, Aggregation<T> aggregation, CancellationToken cancellationToken)
    {
        if (aggregation.SnapshotEvery <= 0)
        {
            return (default, 0);
        }

        await using var command = _dataSource.CreateCommand(
            "select version, data::text from cdp.snapshots where tenant_id = $1 and stream_id = $2 and aggregate = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = aggregation.Name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (JsonSerializer.Deserialize<T>(reader.GetString(1), _options.Json), reader.GetInt64(0))
            : (default, 0);
    }

    private async Task WriteSnapshotAsync<T>(string tenantId, string streamId, string name, long version, T state, CancellationToken cancellationToken)
    {
        // A slower writer with an older fold never overwrites a newer snapshot.
        await using var command = _dataSource.CreateCommand("""
            insert into cdp.snapshots as s (tenant_id, stream_id, aggregate, version, data) values ($1, $2, $3, $4, $5::jsonb)
            on conflict (tenant_id, stream_id, aggregate) do update set version = excluded.version, data = excluded.data, updated_at = now()
            where s.version < excluded.version
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(state, _options.Json) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
