using System.Text.Json.Nodes;
using Npgsql;
using Streaming.Processors.Identity;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Gdpr;

/// <summary>
/// GDPR access and erasure for one person, found by any identifier. Callable as a service
/// (the GraphQL role can inject it) and over HTTP (<see cref="GdprEndpoints"/>).
/// </summary>
public sealed class ProfilePrivacy(NpgsqlDataSource dataSource, Store.SuppressionHash? suppression = null)
{
    private readonly Store.SuppressionHash _suppression = suppression ?? new Store.SuppressionHash(new Platform.Security.Secrets.ServerSecrets(dataSource));

    /// <summary>
    /// Everything stored about the person as one JSON document: profile (traits, counters,
    /// identifiers), timeline, and the profile stream's events. Null when no profile has the identifier.
    /// </summary>
    public async Task<JsonObject?> ExportAsync(string tenantId, Identifier identifier, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var profileId = await FindAsync(connection, null, tenantId, identifier, cancellationToken);
        if (profileId is not { } id)
        {
            return null;
        }

        var export = new JsonObject { ["tenant"] = tenantId, ["profileId"] = id.ToString(), ["exportedAt"] = DateTimeOffset.UtcNow };
        await using (var command = new NpgsqlCommand("""
            select jsonb_build_object('traits', traits, 'identifiers', identifiers, 'eventCount', event_count,
                'trackCount', track_count, 'pageCount', page_count, 'identifyCount', identify_count,
                'firstSeen', first_seen, 'lastSeen', last_seen, 'version', version)::text
            from cdp.profiles where id = $1
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            export["profile"] = JsonNode.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
        }

        export["timeline"] = await JsonArrayAsync(connection, """
            select coalesce(jsonb_agg(jsonb_build_object('messageId', message_id, 'type', kind, 'name', name,
                'properties', properties, 'timestamp', occurred_at, 'receivedAt', received_at) order by occurred_at), '[]')::text
            from cdp.profile_timeline where profile_id = $1
            """, id, tenantId, cancellationToken);
        // The person's stream, and the streams of profiles merged into it (their history is theirs too).
        export["events"] = await JsonArrayAsync(connection, """
            select coalesce(jsonb_agg(jsonb_build_object('stream', e.stream_id, 'version', e.version, 'type', e.type,
                'data', e.data, 'timestamp', e.timestamp) order by e.seq_id), '[]')::text
            from cdp.events e
            where e.tenant_id = $2 and e.stream_id in (
                select 'profile-' || replace($1::text, '-', '')
                union
                select m.stream_id from cdp.events m
                where m.tenant_id = $2 and m.type = 'profile.merged_into' and m.data->>'into' = $1::text)
            """, id, tenantId, cancellationToken);
        return export;
    }

    /// <summary>
    /// Forgets the person: the profile row, identity links and timeline are deleted; the data of
    /// every event in the person's streams is replaced by a redaction marker (ids and versions stay,
    /// so the store's idempotency still recognises a redelivered message); every identifier is
    /// suppressed (stored hashed) so a late or replayed event cannot recreate the person.
    /// Returns false, having written nothing, when no profile has the identifier.
    /// </summary>
    public async Task<bool> ForgetAsync(string tenantId, Identifier identifier, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var profileId = await FindAsync(connection, transaction, tenantId, identifier, cancellationToken);
        if (profileId is not { } id)
        {
            // Nobody holds the identifier: nothing is written (an erasure must not leave a record
            // naming an identifier the tenant never had).
            return false;
        }

        var identifiers = new List<Identifier> { identifier };
        await using (var links = new NpgsqlCommand("delete from cdp.identity_links where profile_id = $1 returning kind, value", connection))
        {
            links.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            await using var reader = await links.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (Identifier.TryParseKind(reader.GetString(0), out var kind))
                {
                    identifiers.Add(new Identifier(kind, reader.GetString(1)));
                }
            }
        }

        await SuppressAsync(connection, tenantId, identifiers.Distinct().ToList(), cancellationToken);
        await using (var erase = new NpgsqlBatch(connection))
        {
            var handled = new NpgsqlBatchCommand("""
                insert into cdp.handled_messages (tenant_id, message_id)
                select tenant_id, message_id from cdp.profile_timeline where profile_id = $1 on conflict do nothing
                """);
            handled.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            erase.BatchCommands.Add(handled);
            var timeline = new NpgsqlBatchCommand("delete from cdp.profile_timeline where profile_id = $1");
            timeline.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            erase.BatchCommands.Add(timeline);
            var profile = new NpgsqlBatchCommand("delete from cdp.profiles where id = $1");
            profile.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            erase.BatchCommands.Add(profile);
            var events = new NpgsqlBatchCommand("""
                update cdp.events set data = jsonb_build_object('redacted', true), headers = null
                where tenant_id = $2 and stream_id in (
                    select 'profile-' || replace($1::text, '-', '')
                    union
                    select m.stream_id from cdp.events m
                    where m.tenant_id = $2 and m.type = 'profile.merged_into' and m.data->>'into' = $1::text)
                """);
            events.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            events.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
            erase.BatchCommands.Add(events);
            await erase.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<Guid?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string tenantId, Identifier identifier, CancellationToken cancellationToken)
    {
        // "for update" in the erasure: a batch linking a new identifier to this profile waits or conflicts.
        await using var command = new NpgsqlCommand(
            "select profile_id from cdp.identity_links where tenant_id = $1 and kind = $2 and value = $3"
            + (transaction is null ? "" : " for update"), connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Identifier.KindName(identifier.Kind) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = identifier.Value });
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    private async Task SuppressAsync(NpgsqlConnection connection, string tenantId, List<Identifier> identifiers, CancellationToken cancellationToken)
    {
        var key = await _suppression.KeyAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            insert into cdp.suppressions (tenant_id, kind, value_sha256)
            select $1, k, h from unnest($2::text[], $3::bytea[]) u(k, h) on conflict do nothing
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. identifiers.Select(i => Identifier.KindName(i.Kind))] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. identifiers.Select(i => Store.SuppressionHash.Of(key, tenantId, i))] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<JsonNode?> JsonArrayAsync(NpgsqlConnection connection, string sql, Guid id, string tenantId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        return JsonNode.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
    }
}
