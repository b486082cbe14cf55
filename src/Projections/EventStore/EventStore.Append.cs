using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Streaming.Projections.EventStore;

public sealed partial class EventStore
{
    private const string UniqueViolation = "23505";

    /// <summary>Appends events to one stream in a transaction of its own.</summary>
    public async Task<StreamAppendResult> AppendAsync(
        string tenantId, string streamId, ExpectedVersion expected, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken = default) =>
        (await AppendAsync([new StreamAppend(tenantId, streamId, expected, events)], cancellationToken)).Streams[0];

    /// <summary>
    /// Appends to many streams in ONE transaction of its own: all or nothing. Events whose id is already
    /// stored are skipped and counted as duplicates, so a redelivered batch is a no-op.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">A stream's version did not match; nothing was written.</exception>
    public async Task<AppendResult> AppendAsync(IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken = default)
    {
        var batch = AppendBatch.Prepare(appends, Types, _options.Json);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await AppendCoreAsync(connection, batch, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (ConcurrentAppendException) when (attempt == 1)
            {
                // The rollback (dispose) undid this attempt; the retry sees the other writer's ids as duplicates.
            }
        }
    }

    /// <summary>
    /// Appends within the caller's open transaction, so read-model rows or outbox rows written on the same
    /// connection commit or roll back together with the events. The caller commits.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">A stream's version did not match: roll back.</exception>
    /// <exception cref="ConcurrentAppendException">Another transaction stored one of these ids just now: roll back and retry.</exception>
    public Task<AppendResult> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Connection != connection)
        {
            throw new ArgumentException("The transaction belongs to another connection.", nameof(transaction));
        }

        return AppendCoreAsync(connection, AppendBatch.Prepare(appends, Types, _options.Json), cancellationToken);
    }

    private async Task<AppendResult> AppendCoreAsync(NpgsqlConnection connection, AppendBatch batch, CancellationToken cancellationToken)
    {
        // One round trip: take the transaction id BEFORE any sequence value (whoever holds a sequence value
        // then owns an xid the daemon can wait on to prove a missing value dead, see HighWaterMark), find
        // ids already stored, and create-or-lock the streams in key order (concurrent batches lock in the
        // same order, so they cannot deadlock on each other).
        batch.ResetVersions();
        var duplicates = new Dictionary<Guid, long>();
        var versions = new Dictionary<StreamKey, long>();
        await using (var first = new NpgsqlBatch(connection))
        {
            first.BatchCommands.Add(new NpgsqlBatchCommand("select pg_current_xact_id()"));
            var find = new NpgsqlBatchCommand("select id, version from cdp.events where id = any($1)");
            find.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = batch.EventIds });
            first.BatchCommands.Add(find);
            first.BatchCommands.Add(LockStreams(batch.Streams()));
            await using var reader = await first.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                duplicates[reader.GetGuid(0)] = reader.GetInt64(1);
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                versions[new StreamKey(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        if (duplicates.Count == batch.EventIds.Length)
        {
            return batch.Result(duplicates);
        }

        var (rows, finalVersions) = batch.AssignVersions(duplicates, versions);
        try
        {
            if (rows.Count >= _options.CopyThreshold)
            {
                await CopyEventsAsync(connection, rows, cancellationToken);
                await FinishAsync(connection, null, finalVersions, cancellationToken);
            }
            else
            {
                await FinishAsync(connection, rows, finalVersions, cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation && ex.ConstraintName == "events_id")
        {
            throw new ConcurrentAppendException("An event id was stored by a concurrent transaction; retry the append.", ex);
        }

        return batch.Result(duplicates);
    }

    /// <summary>Creates missing streams and locks all of them in key order, returning their current versions.</summary>
    private static NpgsqlBatchCommand LockStreams(List<(StreamKey Key, string? Type)> streams)
    {
        var command = new NpgsqlBatchCommand("""
            insert into cdp.streams as s (tenant_id, id, type)
            select t, i, ty from unnest($1::text[], $2::text[], $3::text[]) u(t, i, ty) order by t, i
            on conflict (tenant_id, id) do update set type = coalesce(s.type, excluded.type)
            returning s.tenant_id, s.id, s.version
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. streams.Select(s => s.Key.TenantId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. streams.Select(s => s.Key.StreamId)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. streams.Select(s => s.Type)] });
        return command;
    }

    private static async Task CopyEventsAsync(NpgsqlConnection connection, IReadOnlyList<AppendRow> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "copy cdp.events (id, tenant_id, stream_id, version, type, data, correlation_id, causation_id, headers, timestamp) from stdin (format binary)",
            cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.Key.TenantId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Key.StreamId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Version, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(row.Type, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Json, NpgsqlDbType.Jsonb, cancellationToken);
            await WriteNullableAsync(importer, row.CorrelationId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, row.CausationId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, row.HeadersJson, NpgsqlDbType.Jsonb, cancellationToken);
            await importer.WriteAsync(row.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, type, cancellationToken);
        }
    }

    /// <summary>Inserts the rows (small appends), moves the stream versions, and wakes the daemon on commit.</summary>
    private async Task FinishAsync(
        NpgsqlConnection connection, IReadOnlyList<AppendRow>? rows, Dictionary<StreamKey, long> finalVersions, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (rows is not null)
        {
            batch.BatchCommands.Add(InsertEvents(rows));
        }

        var update = new NpgsqlBatchCommand("""
            update cdp.streams s set version = u.v, updated_at = now()
            from unnest($1::text[], $2::text[], $3::bigint[]) u(t, i, v)
            where s.tenant_id = u.t and s.id = u.i
            """);
        update.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. finalVersions.Keys.Select(k => k.TenantId)] });
        update.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. finalVersions.Keys.Select(k => k.StreamId)] });
        update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. finalVersions.Values] });
        batch.BatchCommands.Add(update);
        AddNotify(batch);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand InsertEvents(IReadOnlyList<AppendRow> rows)
    {
        var insert = new NpgsqlBatchCommand("""
            insert into cdp.events (id, tenant_id, stream_id, version, type, data, correlation_id, causation_id, headers, timestamp)
            select * from unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::jsonb[], $10::timestamptz[])
            """);
        insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. rows.Select(r => r.Id)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Key.TenantId)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Key.StreamId)] });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. rows.Select(r => r.Version)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Type)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Json)] });
        insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.CorrelationId)] });
        insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.CausationId)] });
        insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.HeadersJson)] });
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. rows.Select(r => r.Timestamp)] });
        return insert;
    }

    private void AddNotify(NpgsqlBatch batch)
    {
        if (_options.NotifyOnAppend)
        {
            // Delivered only if and when the transaction commits; many in one transaction fold into one.
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_notify('{EventsChannel}', '')"));
        }
    }

    internal static string? SerializeHeaders(IReadOnlyDictionary<string, string>? headers, JsonSerializerOptions json) =>
        headers is null || headers.Count == 0 ? null : JsonSerializer.Serialize(headers, json);
}
