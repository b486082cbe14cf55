using Npgsql;
using Streaming.Processors.Identity;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Store;

/// <summary>
/// The read-model statements of one batch, sent as one round trip. Every write that depends on
/// what the batch read is checked (row counts), and a mismatch is a conflict: the batch reruns.
/// </summary>
internal static class ProfileWrites
{
    public static async Task WriteAsync(NpgsqlConnection connection, BatchChanges changes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var expectedCounts = new List<int>();

        var inserts = changes.Profiles.Where(p => p.ExpectedVersion == 0).Select(p => p.State).ToList();
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

        var updates = changes.Profiles.Where(p => p.ExpectedVersion > 0).ToList();
        if (updates.Count > 0)
        {
            var update = new NpgsqlBatchCommand("""
                update cdp.profiles p set version = u.version, traits = u.traits::jsonb, identifiers = u.ids::jsonb,
                    event_count = u.ec, track_count = u.tc, page_count = u.pc, identify_count = u.ic,
                    first_seen = u.fs, last_seen = u.ls, updated_at = now()
                from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::timestamptz[], $11::timestamptz[], $12::bigint[])
                  u(id, tenant, version, traits, ids, ec, tc, pc, ic, fs, ls, expected)
                where p.id = u.id and p.version = u.expected
                """);
            AddProfileParameters(update, [.. updates.Select(u => u.State)]);
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. updates.Select(u => u.ExpectedVersion)] });
            batch.BatchCommands.Add(update);
            expectedCounts.Add(updates.Count);
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

        if (batch.BatchCommands.Count == 0)
        {
            return;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < expectedCounts.Count; i++)
        {
            var affected = batch.BatchCommands[i].RecordsAffected;
            if (expectedCounts[i] >= 0 && affected != expectedCounts[i])
            {
                throw new StoreConflictException(
                    $"Statement {i + 1} of the batch changed {affected} rows, expected {expectedCounts[i]}: another writer got there first.");
            }
        }
    }

    private static void AddProfileParameters(NpgsqlBatchCommand command, List<Profiles.ProfileState> states)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. states.Select(s => s.Id)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. states.Select(s => s.TenantId)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.Version)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. states.Select(s => s.Traits.ToJsonString())] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. states.Select(ProfileRow.IdentifiersJson)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.EventCount)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.TrackCount)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.PageCount)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. states.Select(s => s.IdentifyCount)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. states.Select(s => s.FirstSeen.UtcDateTime)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. states.Select(s => s.LastSeen.UtcDateTime)] });
    }
}
