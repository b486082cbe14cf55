using Npgsql;
using Streaming.Processors.Identity;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Store;

/// <summary>
/// The read-model statements of one batch, prepared when the batch is staged (every value copied
/// out of the profile states then) and sent as one round trip at commit. Every write that depends
/// on what the batch read is checked (row counts), and a mismatch is a conflict: the batch reruns.
/// </summary>
internal sealed class ProfileWrites
{
    private readonly NpgsqlBatch _batch;
    private readonly List<int> _expectedCounts;

    private ProfileWrites(NpgsqlBatch batch, List<int> expectedCounts)
    {
        _batch = batch;
        _expectedCounts = expectedCounts;
    }

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        await using var batch = _batch;
        if (batch.BatchCommands.Count == 0)
        {
            return;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < _expectedCounts.Count; i++)
        {
            // Rows: changed for a write, returned for the read-only check.
            var affected = (long)batch.BatchCommands[i].Rows;
            if (_expectedCounts[i] >= 0 && affected != _expectedCounts[i])
            {
                throw new StoreConflictException(
                    $"Statement {i + 1} of the batch matched {affected} rows, expected {_expectedCounts[i]}: another writer got there first.");
            }
        }
    }

    public static ProfileWrites Prepare(NpgsqlConnection connection, BatchChanges changes)
    {
        var batch = new NpgsqlBatch(connection);
        var expectedCounts = new List<int>();

        var inserts = changes.Profiles.Where(p => p.ExpectedVersion == 0).Select(p => (p.State, Json: JsonOf(p.State))).ToList();
        if (inserts.Count > 0)
        {
            var insert = new NpgsqlBatchCommand("""
                insert into cdp.profiles (id, tenant_id, version, traits, identifiers, event_count, track_count, page_count, identify_count, first_seen, last_seen)
                select id, tenant, version, traits::jsonb, ids::jsonb, ec, tc, pc, ic, fs, ls
                from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::timestamptz[], $11::timestamptz[])
                  u(id, tenant, version, traits, ids, ec, tc, pc, ic, fs, ls)
                on conflict (id) do nothing
                """);
            AddProfileParameters(insert, inserts);
            batch.BatchCommands.Add(insert);
            expectedCounts.Add(inserts.Count);
        }

        // Most messages (page views, product views) change counters only: their rows keep the
        // stored traits and identifiers instead of sending and re-parsing the same JSON.
        var updates = changes.Profiles.Where(p => p.ExpectedVersion > 0).Select(p => (Write: p, Json: JsonOf(p.State))).ToList();
        var changed = updates.Where(u => u.Json != u.Write.State.StoredJson).ToList();
        var countersOnly = updates.Where(u => u.Json == u.Write.State.StoredJson).Select(u => u.Write).ToList();
        if (changed.Count > 0)
        {
            var update = new NpgsqlBatchCommand("""
                update cdp.profiles p set version = u.version, traits = u.traits::jsonb, identifiers = u.ids::jsonb,
                    event_count = u.ec, track_count = u.tc, page_count = u.pc, identify_count = u.ic,
                    first_seen = u.fs, last_seen = u.ls, updated_at = now()
                from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::timestamptz[], $11::timestamptz[], $12::bigint[])
                  u(id, tenant, version, traits, ids, ec, tc, pc, ic, fs, ls, expected)
                where p.id = u.id and p.version = u.expected
                """);
            AddProfileParameters(update, [.. changed.Select(u => (u.Write.State, u.Json))]);
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. changed.Select(u => u.Write.ExpectedVersion)] });
            batch.BatchCommands.Add(update);
            expectedCounts.Add(changed.Count);
        }

        if (countersOnly.Count > 0)
        {
            var update = new NpgsqlBatchCommand("""
                update cdp.profiles p set version = u.version,
                    event_count = u.ec, track_count = u.tc, page_count = u.pc, identify_count = u.ic,
                    first_seen = u.fs, last_seen = u.ls, updated_at = now()
                from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::timestamptz[], $8::timestamptz[], $9::bigint[])
                  u(id, version, ec, tc, pc, ic, fs, ls, expected)
                where p.id = u.id and p.version = u.expected
                """);
            var states = countersOnly.Select(u => u.State).ToList();
            update.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. states.Select(s => s.Id)] });
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.Version)] });
            AddCounterParameters(update, states);
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. countersOnly.Select(u => u.ExpectedVersion)] });
            batch.BatchCommands.Add(update);
            expectedCounts.Add(countersOnly.Count);
        }

        foreach (var (state, json) in inserts.Concat(updates.Select(u => (u.Write.State, u.Json))))
        {
            state.StoredJson = json;
        }

        if (changes.ReadOnly.Count > 0)
        {
            var check = new NpgsqlBatchCommand("""
                select p.id from cdp.profiles p join unnest($1::uuid[], $2::bigint[]) u(id, version) on p.id = u.id and p.version = u.version
                """);
            check.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. changes.ReadOnly.Select(r => r.Id)] });
            check.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. changes.ReadOnly.Select(r => r.Version)] });
            batch.BatchCommands.Add(check);
            expectedCounts.Add(changes.ReadOnly.Count);
        }

        foreach (var merge in changes.Merges)
        {
            var delete = new NpgsqlBatchCommand("delete from cdp.profiles where id = $1 and version = $2");
            delete.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = merge.Loser });
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = merge.LoserExpectedVersion });
            batch.BatchCommands.Add(delete);
            expectedCounts.Add(1);
            foreach (var table in (ReadOnlySpan<string>)["cdp.identity_links", "cdp.profile_timeline"])
            {
                var move = new NpgsqlBatchCommand($"update {table} set profile_id = $2 where profile_id = $1");
                move.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = merge.Loser });
                move.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = merge.Survivor });
                batch.BatchCommands.Add(move);
                expectedCounts.Add(-1);
            }
        }

        if (changes.Links.Count > 0)
        {
            var links = new NpgsqlBatchCommand("""
                insert into cdp.identity_links (tenant_id, kind, value, profile_id)
                select * from unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) u(t, k, v, p) order by t, k, v
                on conflict do nothing
                """);
            links.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Links.Select(l => l.Identifier.TenantId)] });
            links.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Links.Select(l => Identifier.KindName(l.Identifier.Id.Kind))] });
            links.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Links.Select(l => l.Identifier.Id.Value)] });
            links.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. changes.Links.Select(l => l.ProfileId)] });
            batch.BatchCommands.Add(links);
            expectedCounts.Add(changes.Links.Count);
        }

        var dropped = changes.Messages.Where(m => m.ProfileId is null).ToList();
        if (dropped.Count > 0)
        {
            var handled = new NpgsqlBatchCommand("""
                insert into cdp.handled_messages (tenant_id, message_id)
                select * from unnest($1::text[], $2::text[]) on conflict do nothing
                """);
            handled.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. dropped.Select(m => m.TenantId)] });
            handled.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. dropped.Select(m => m.MessageId)] });
            batch.BatchCommands.Add(handled);
            expectedCounts.Add(-1);
        }

        return new ProfileWrites(batch, expectedCounts);
    }

    private static (string Traits, string Identifiers) JsonOf(Profiles.ProfileState state) =>
        (state.Traits.ToJsonString(), ProfileRow.IdentifiersJson(state));

    private static void AddProfileParameters(NpgsqlBatchCommand command, List<(Profiles.ProfileState State, (string Traits, string Identifiers) Json)> rows)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. rows.Select(r => r.State.Id)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.State.TenantId)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. rows.Select(r => r.State.Version)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Json.Traits)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Json.Identifiers)] });
        AddCounterParameters(command, [.. rows.Select(r => r.State)]);
    }

    private static void AddCounterParameters(NpgsqlBatchCommand command, List<Profiles.ProfileState> states)
    {
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.EventCount)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.TrackCount)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.PageCount)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.IdentifyCount)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. states.Select(s => s.FirstSeen.UtcDateTime)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. states.Select(s => s.LastSeen.UtcDateTime)] });
    }
}
