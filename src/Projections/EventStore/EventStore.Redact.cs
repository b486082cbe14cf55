using System.Text;
using System.Text.Json;
using Npgsql;

namespace Streaming.Projections.EventStore;

public sealed partial class EventStore
{
    /// <summary>The data of a redacted event, as PostgreSQL prints it back.</summary>
    public const string RedactedJson = """{"redacted": true}""";

    /// <summary>
    /// The channel a redaction notifies on commit, payload <c>{"tenant":"...","streams":["..."]}</c>
    /// (split below NOTIFY's size limit): read sides drop what they hold of those streams.
    /// </summary>
    public const string RedactionsChannel = "cdp_stream_redactions";

    private const int MaxRedactionPayloadBytes = 7000;

    /// <summary>Redacts one stream in a transaction of its own (see <see cref="RedactStreamsAsync(NpgsqlConnection, NpgsqlTransaction, string, IReadOnlyCollection{string}, CancellationToken)"/>).</summary>
    public Task<StreamRedaction> RedactStreamAsync(string tenantId, string streamId, CancellationToken cancellationToken = default) =>
        RedactStreamsAsync(tenantId, [streamId], cancellationToken);

    /// <summary>Redacts streams in a transaction of its own.</summary>
    public async Task<StreamRedaction> RedactStreamsAsync(string tenantId, IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await RedactStreamsAsync(connection, transaction, tenantId, streamIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// GDPR erasure of whole streams within the caller's transaction: every event's data becomes
    /// <see cref="RedactedJson"/> and its headers go, while ids, versions, types and times stay (a
    /// redelivered message is still recognised by its event id, and the stream's version still
    /// guards appends); the streams' snapshots are deleted (a later fold starts from the redacted
    /// events); and on commit <see cref="RedactionsChannel"/> is notified
    /// (<see cref="EventStoreOptions.NotifyOnRedact"/>). The streams are locked
    /// first, so an append racing the redaction waits and lands after it. Idempotent: redacting
    /// again changes nothing and counts nothing. Events appended after the redaction in the same
    /// transaction (a <c>forgotten</c> marker) stay as written.
    /// </summary>
    public async Task<StreamRedaction> RedactStreamsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string tenantId, IReadOnlyCollection<string> streamIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(streamIds);
        if (transaction.Connection != connection)
        {
            throw new ArgumentException("The transaction belongs to another connection.", nameof(transaction));
        }

        string[] streams = [.. streamIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (streams.Length == 0)
        {
            return new StreamRedaction(tenantId, [], 0, 0);
        }

        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(StreamsCommand("select id from cdp.streams where tenant_id = $1 and id = any($2) order by id for update", tenantId, streams));
        batch.BatchCommands.Add(StreamsCommand($"""
            update cdp.events set data = '{RedactedJson}'::jsonb, headers = null
            where tenant_id = $1 and stream_id = any($2) and (data <> '{RedactedJson}'::jsonb or headers is not null)
            """, tenantId, streams));
        batch.BatchCommands.Add(StreamsCommand("delete from cdp.snapshots where tenant_id = $1 and stream_id = any($2)", tenantId, streams));
        foreach (var payload in _options.NotifyOnRedact ? RedactionPayloads(tenantId, streams) : [])
        {
            var notify = new NpgsqlBatchCommand($"select pg_notify('{RedactionsChannel}', $1)");
            notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
            batch.BatchCommands.Add(notify);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return new StreamRedaction(tenantId, streams, batch.BatchCommands[1].RecordsAffected, batch.BatchCommands[2].RecordsAffected);
    }

    private static NpgsqlBatchCommand StreamsCommand(string sql, string tenantId, string[] streams)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = streams });
        return command;
    }

    /// <summary>The NOTIFY payloads for a redaction, each under the size limit.</summary>
    internal static List<string> RedactionPayloads(string tenantId, IReadOnlyList<string> streams)
    {
        var payloads = new List<string>();
        var chunk = new List<string>();
        var header = Encoding.UTF8.GetByteCount(tenantId) * 2 + 32;
        var used = header;
        foreach (var stream in streams)
        {
            var size = Encoding.UTF8.GetByteCount(stream) * 2 + 4; // worst case with JSON escapes
            if (chunk.Count > 0 && used + size > MaxRedactionPayloadBytes)
            {
                payloads.Add(RedactionPayload(tenantId, chunk));
                chunk = [];
                used = header;
            }

            chunk.Add(stream);
            used += size;
        }

        payloads.Add(RedactionPayload(tenantId, chunk));
        return payloads;
    }

    private static string RedactionPayload(string tenantId, List<string> streams)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("tenant", tenantId);
            writer.WriteStartArray("streams");
            foreach (var stream in streams)
            {
                writer.WriteStringValue(stream);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>What a redaction did.</summary>
/// <param name="StreamIds">The streams named (sorted, each once), whether or not they had events.</param>
/// <param name="EventsRedacted">Events whose data was replaced now (0 when they were redacted already).</param>
/// <param name="SnapshotsRemoved">Snapshots deleted.</param>
public sealed record StreamRedaction(string TenantId, IReadOnlyList<string> StreamIds, int EventsRedacted, int SnapshotsRemoved);
