using Npgsql;

namespace Streaming.Projections.EventStore;

public sealed partial class EventStore
{
    /// <summary>
    /// Appends within the caller's open transaction for a caller that owns its streams: it already
    /// knows each stream's version (every append names an exact expected version; 0 = a new stream),
    /// it serializes writers per stream itself (for example a row lock it holds), and it never
    /// appends an event id twice (it deduplicates upstream). That buys one write per stream and no
    /// duplicate lookup: the stream rows are moved straight to their new versions where they still
    /// hold the expected ones. The caller commits.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">A stream was not at its expected version: roll back.</exception>
    /// <exception cref="ConcurrentAppendException">An event id is already stored: roll back and retry the slow way.</exception>
    public async Task AppendAtKnownVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(appends);
        if (transaction.Connection != connection)
        {
            throw new ArgumentException("The transaction belongs to another connection.", nameof(transaction));
        }

        var batch = AppendBatch.Prepare(appends, Types, _options.Json);
        var expected = new Dictionary<StreamKey, long>();
        foreach (var append in appends)
        {
            if (append.Expected.IsAny)
            {
                throw new ArgumentException($"Stream {append.TenantId}/{append.StreamId}: a known-version append needs an exact expected version.", nameof(appends));
            }

            expected.TryAdd(new StreamKey(append.TenantId, append.StreamId), append.Expected.Value);
        }

        var (rows, finalVersions) = batch.AssignVersions(new Dictionary<Guid, long>(), expected);
        if (rows.Count == 0)
        {
            return;
        }

        // The stream writes come first: they give the transaction its id before any sequence value
        // is taken (what the daemon's gap proof relies on, see HighWaterMark).
        await MoveStreamsAsync(connection, batch.Streams(), expected, finalVersions, cancellationToken);
        try
        {
            await using var finish = new NpgsqlBatch(connection);
            if (rows.Count >= _options.CopyThreshold)
            {
                await CopyEventsAsync(connection, rows, cancellationToken);
            }
            else
            {
                finish.BatchCommands.Add(InsertEvents(rows));
            }

            AddNotify(finish);
            if (finish.BatchCommands.Count > 0)
            {
                await finish.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation && ex.ConstraintName == "events_id")
        {
            throw new ConcurrentAppendException("An event id of this append is already stored.", ex);
        }
    }

    /// <summary>Existing streams move from their expected to their final version; new ones are created at it. Both checked by row count.</summary>
    private static async Task MoveStreamsAsync(
        NpgsqlConnection connection, List<(StreamKey Key, string? Type)> streams, Dictionary<StreamKey, long> expected,
        Dictionary<StreamKey, long> finalVersions, CancellationToken cancellationToken)
    {
        var existing = streams.Where(s => expected[s.Key] > 0).ToList();
        var created = streams.Where(s => expected[s.Key] == 0).ToList();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select pg_current_xact_id()"));
        if (existing.Count > 0)
        {
            var update = new NpgsqlBatchCommand("""
                update cdp.streams s set version = u.v, updated_at = now()
                from unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) u(t, i, expected, v)
                where s.tenant_id = u.t and s.id = u.i and s.version = u.expected
                """);
            update.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. existing.Select(s => s.Key.TenantId)] });
            update.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. existing.Select(s => s.Key.StreamId)] });
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. existing.Select(s => expected[s.Key])] });
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. existing.Select(s => finalVersions[s.Key])] });
            batch.BatchCommands.Add(update);
        }

        if (created.Count > 0)
        {
            var insert = new NpgsqlBatchCommand("""
                insert into cdp.streams (tenant_id, id, type, version)
                select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
                on conflict do nothing
                """);
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. created.Select(s => s.Key.TenantId)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. created.Select(s => s.Key.StreamId)] });
            insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. created.Select(s => s.Type)] });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. created.Select(s => finalVersions[s.Key])] });
            batch.BatchCommands.Add(insert);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        var moved = 0;
        for (var i = 1; i < batch.BatchCommands.Count; i++)
        {
            moved += batch.BatchCommands[i].RecordsAffected;
        }

        if (moved != streams.Count)
        {
            throw new WrongExpectedVersionException(
                $"{streams.Count - moved} of {streams.Count} streams were not at the version the append expected (another writer got there first).");
        }
    }
}
