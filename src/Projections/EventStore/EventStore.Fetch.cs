using System.Text.Json;
using Npgsql;

namespace Streaming.Projections.EventStore;

public sealed partial class EventStore
{
    internal const string EventColumns =
        "seq_id, id, tenant_id, stream_id, version, type, data::text, correlation_id, causation_id, headers::text, timestamp";

    /// <summary>A stream's current version, or 0 when it has no events.</summary>
    public async Task<long> GetStreamVersionAsync(string tenantId, string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("select version from cdp.streams where tenant_id = $1 and id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    /// <summary>A stream's events from <paramref name="fromVersion"/> on (1 = the start), in version order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        string tenantId, string streamId, long fromVersion = 1, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"select {EventColumns} from cdp.events where tenant_id = $1 and stream_id = $2 and version >= $3 order by version limit $4");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromVersion });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        return await ReadEventsAsync(command, _options.Json, cancellationToken);
    }

    /// <summary>
    /// The events of several streams of one tenant in their global order, optionally only those of
    /// the given type names (for example the merges recorded in a set of profile streams).
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadStreamsAsync(
        string tenantId, IReadOnlyCollection<string> streamIds, IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        await using var command = _dataSource.CreateCommand(
            $"select {EventColumns} from cdp.events where tenant_id = $1 and stream_id = any($2)"
            + (types is null ? "" : " and type = any($3)") + " order by seq_id");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. streamIds] });
        if (types is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. types] });
        }

        return await ReadEventsAsync(command, _options.Json, cancellationToken);
    }

    /// <summary>
    /// The global log after <paramref name="afterSequence"/>, in sequence order, every tenant. This shows what
    /// has committed so far; under concurrent writers a lower sequence may still commit later, so
    /// consumers that must not skip use a projection (the daemon reads gap-safely).
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"select {EventColumns} from cdp.events where seq_id > $1 order by seq_id limit $2");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        return await ReadEventsAsync(command, _options.Json, cancellationToken);
    }

    /// <summary>One tenant's events of the given type names after <paramref name="afterSequence"/>, in sequence order.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadByTypeAsync(
        string tenantId, IReadOnlyCollection<string> types, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"select {EventColumns} from cdp.events where tenant_id = $1 and type = any($2) and seq_id > $3 order by seq_id limit $4");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. types] });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
        return await ReadEventsAsync(command, _options.Json, cancellationToken);
    }

    internal static async Task<List<StoredEvent>> ReadEventsAsync(NpgsqlCommand command, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(ReadEvent(reader, json));
        }

        return events;
    }

    internal static StoredEvent ReadEvent(NpgsqlDataReader reader, JsonSerializerOptions json)
    {
        var metadata = new EventMetadata
        {
            CorrelationId = reader.IsDBNull(7) ? null : reader.GetString(7),
            CausationId = reader.IsDBNull(8) ? null : reader.GetString(8),
            Headers = reader.IsDBNull(9) ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9), json),
            Timestamp = new DateTimeOffset(reader.GetDateTime(10)),
        };
        return new StoredEvent(
            reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
            reader.GetString(5), reader.GetString(6), metadata);
    }
}
