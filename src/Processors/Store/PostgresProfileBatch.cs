using Npgsql;
using NpgsqlTypes;
using Streaming.Processors.Identity;
using Streaming.Processors.Profiles;
using Streaming.Processors.Topology;
using Streaming.Processors.Topology.Stages;

namespace Streaming.Processors.Store;

/// <summary>
/// One batch's transaction. A first attempt reads without locks and relies on the checks of
/// its writes (profile and stream versions, unique links, timeline and event ids): whatever
/// another writer changed meanwhile fails the commit and the batch reruns. The rerun's lookup
/// locks the profiles it finds (<c>for update</c>, in id order, so two reruns never deadlock on
/// each other), so it cannot lose to the same writer twice.
/// </summary>
internal sealed class PostgresProfileBatch(
    NpgsqlConnection connection, NpgsqlTransaction transaction, IEventSink events, SuppressionHash suppression,
    IReadOnlyDictionary<Type, IStageWriteHandler> stageWriters) : IProfileBatch
{
    private const string UniqueViolation = "23505";
    private const string Deadlock = "40P01";
    private const string SerializationFailure = "40001";
    private (IStagedEvents? Events, ProfileWrites Writes, List<TimelineEntry> Timeline)? _staged;
    private List<IStageWrite> _stageWrites = [];

    public async Task<BatchLookup> LookupAsync(
        IReadOnlyCollection<(string TenantId, string MessageId)> messages,
        IReadOnlyCollection<TenantIdentifier> suppressionChecks,
        IReadOnlyCollection<TenantIdentifier> identifiers,
        bool lockProfiles,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(suppressionChecks);
        ArgumentNullException.ThrowIfNull(identifiers);
        var processed = new HashSet<(string, string)>();
        var suppressed = new HashSet<TenantIdentifier>();
        var links = new Dictionary<TenantIdentifier, Guid>();
        var versions = new Dictionary<Guid, long>();
        var byHash = new Dictionary<string, TenantIdentifier>(suppressionChecks.Count);
        var suppressionKey = await suppression.KeyAsync(cancellationToken);
        foreach (var id in suppressionChecks)
        {
            byHash[Convert.ToHexString(SuppressionHash.Of(suppressionKey, id.TenantId, id.Id))] = id;
        }

        await using var batch = new NpgsqlBatch(connection);
        var done = new NpgsqlBatchCommand("""
            select t.tenant_id, t.message_id from cdp.profile_timeline t
              join unnest($1::text[], $2::text[]) u(tenant, message) on t.tenant_id = u.tenant and t.message_id = u.message
            union all
            select h.tenant_id, h.message_id from cdp.handled_messages h
              join unnest($1::text[], $2::text[]) u(tenant, message) on h.tenant_id = u.tenant and h.message_id = u.message
            """);
        done.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. messages.Select(m => m.TenantId)] });
        done.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. messages.Select(m => m.MessageId)] });
        batch.BatchCommands.Add(done);

        var hashes = byHash.ToList();
        var suppressions = new NpgsqlBatchCommand("""
            select s.value_sha256 from cdp.suppressions s
              join unnest($1::text[], $2::text[], $3::bytea[]) u(tenant, kind, hash)
                on s.tenant_id = u.tenant and s.kind = u.kind and s.value_sha256 = u.hash
            """);
        suppressions.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. hashes.Select(h => h.Value.TenantId)] });
        suppressions.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. hashes.Select(h => Identifier.KindName(h.Value.Id.Kind))] });
        suppressions.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. hashes.Select(h => Convert.FromHexString(h.Key))] });
        batch.BatchCommands.Add(suppressions);

        var linkQuery = new NpgsqlBatchCommand($"""
            select l.tenant_id, l.kind, l.value, l.profile_id, p.version from cdp.identity_links l
              join unnest($1::text[], $2::text[], $3::text[]) u(tenant, kind, value)
                on l.tenant_id = u.tenant and l.kind = u.kind and l.value = u.value
              join cdp.profiles p on p.id = l.profile_id
            {(lockProfiles ? "order by p.id for update of p" : "")}
            """);
        linkQuery.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. identifiers.Select(i => i.TenantId)] });
        linkQuery.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. identifiers.Select(i => Identifier.KindName(i.Id.Kind))] });
        linkQuery.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. identifiers.Select(i => i.Id.Value)] });
        batch.BatchCommands.Add(linkQuery);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            processed.Add((reader.GetString(0), reader.GetString(1)));
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            suppressed.Add(byHash[Convert.ToHexString(reader.GetFieldValue<byte[]>(0))]);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Identifier.TryParseKind(reader.GetString(1), out var kind))
            {
                var profile = reader.GetGuid(3);
                links[new TenantIdentifier(reader.GetString(0), new Identifier(kind, reader.GetString(2)))] = profile;
                versions[profile] = reader.GetInt64(4);
            }
        }

        return new BatchLookup(processed, suppressed, links, versions);
    }

    public async Task<IReadOnlyDictionary<Guid, ProfileState>> LoadProfilesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, ProfileState>(ids.Count);
        await using var command = new NpgsqlCommand($"select {ProfileRow.Columns} from cdp.profiles where id = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = ProfileRow.Read(reader);
            result[state.Id] = state;
        }

        return result;
    }

    public void Stage(BatchChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
        {
            return;
        }

        var expected = new Dictionary<Guid, long>();
        foreach (var write in changes.Profiles)
        {
            expected[write.State.Id] = write.ExpectedVersion;
        }

        foreach (var merge in changes.Merges)
        {
            expected[merge.Loser] = merge.LoserExpectedVersion;
        }

        _staged = (changes.Events.Count > 0 ? events.Stage(changes.Events, expected) : null, ProfileWrites.Prepare(connection, changes), changes.Timeline);
        _stageWrites = [.. changes.StageWrites];
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_staged is var (appends, writes, timeline))
            {
                if (appends is not null)
                {
                    await appends.AppendAsync(connection, transaction, cancellationToken);
                }

                await writes.ExecuteAsync(cancellationToken);
                await CopyTimelineAsync(connection, timeline, cancellationToken);
                await WriteStageWritesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is UniqueViolation or Deadlock or SerializationFailure)
        {
            throw new StoreConflictException($"Concurrent change ({ex.SqlState} {ex.ConstraintName}): {ex.MessageText}", ex);
        }
    }

    private async Task WriteStageWritesAsync(CancellationToken cancellationToken)
    {
        foreach (var group in _stageWrites.GroupBy(w => w.GetType()))
        {
            if (!stageWriters.TryGetValue(group.Key, out var handler))
            {
                throw new InvalidOperationException($"no {nameof(IStageWriteHandler)} is registered for {group.Key.Name}");
            }

            await handler.WriteAsync(connection, transaction, [.. group], cancellationToken);
        }
    }

    private static async Task CopyTimelineAsync(NpgsqlConnection connection, List<TimelineEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            "copy cdp.profile_timeline (tenant_id, message_id, profile_id, kind, name, properties, occurred_at, received_at) from stdin (format binary)",
            cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.TenantId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.MessageId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.ProfileId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.Kind.ToString().ToLowerInvariant(), NpgsqlDbType.Text, cancellationToken);
            if (row.Name is null)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
            }

            if (row.PropertiesJson is null)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(row.PropertiesJson, NpgsqlDbType.Jsonb, cancellationToken);
            }

            await importer.WriteAsync(row.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(row.ReceivedAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
