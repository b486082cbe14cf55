using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Npgsql;
using Streaming.Platform.Contracts.Events;
using Streaming.Processors.Identity;
using Streaming.Processors.Store;
using Streaming.Processors.Topology;
using Streaming.Projections.EventStore;

namespace Streaming.Processors.Gdpr;

/// <summary>
/// GDPR access and erasure for one person, found by any identifier. Callable as a service
/// (the GraphQL role can inject it) and over HTTP (<see cref="GdprEndpoints"/>). The person is the
/// live profile holding the identifier and every profile merged into it, at any depth
/// (<see cref="MergeChain"/>). The processors' own read models are changed here with SQL; the event
/// store only through its API.
/// </summary>
public sealed partial class ProfilePrivacy(NpgsqlDataSource dataSource, EventStore store, ILogger<ProfilePrivacy> logger, Store.SuppressionHash? suppression = null)
{
    private readonly Store.SuppressionHash _suppression = suppression ?? new Store.SuppressionHash(new Platform.Security.Secrets.ServerSecrets(dataSource));

    /// <summary>
    /// Everything stored about the person as one JSON document: profile (traits, counters,
    /// identifiers), timeline, and the events of every stream of theirs. Null when no profile has the identifier.
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
            from cdp.profiles where id = $1 and tenant_id = $2
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
            export["profile"] = JsonNode.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
        }

        await using (var command = new NpgsqlCommand("""
            select coalesce(jsonb_agg(jsonb_build_object('messageId', message_id, 'type', kind, 'name', name,
                'properties', properties, 'timestamp', occurred_at, 'receivedAt', received_at) order by occurred_at), '[]')::text
            from cdp.profile_timeline where profile_id = $1 and tenant_id = $2
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
            export["timeline"] = JsonNode.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
        }

        // The person's stream, and the streams of profiles merged into it (their history is theirs too).
        var profiles = await MergeChain.FollowAsync(store, tenantId, id, cancellationToken);
        var events = new JsonArray();
        foreach (var e in await store.ReadStreamsAsync(tenantId, [.. profiles.Select(PendingEvent.StreamIdOf)], cancellationToken: cancellationToken))
        {
            events.Add(new JsonObject
            {
                ["stream"] = e.StreamId,
                ["version"] = e.Version,
                ["type"] = e.Type,
                ["data"] = JsonNode.Parse(e.Json),
                ["timestamp"] = e.Metadata.Timestamp,
            });
        }

        export["events"] = events;
        return export;
    }

    /// <summary>
    /// Forgets the person, in one transaction: the profile rows, identity links and timeline of every
    /// profile of theirs are deleted (their message ids kept as handled, so a redelivery is still
    /// recognised); every identifier is suppressed (stored hashed) so a late or replayed event cannot
    /// recreate the person; every stream of theirs is redacted through the event store
    /// (<see cref="EventStore.RedactStreamsAsync(NpgsqlConnection, NpgsqlTransaction, string, IReadOnlyCollection{string}, CancellationToken)"/>:
    /// data replaced, snapshots dropped, read sides notified); and <see cref="ProfileForgotten"/> is
    /// appended to the live profile's stream. Returns false, having written nothing, when no
    /// profile of the tenant has the identifier (an unknown person, or an unknown tenant).
    /// </summary>
    public async Task<bool> ForgetAsync(string tenantId, Identifier identifier, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var profileId = await FindAsync(connection, transaction, tenantId, identifier, cancellationToken);
        if (profileId is not { } id)
        {
            return false;
        }

        // The live profile's row lock makes a batch that changes the person meanwhile wait, then conflict and rerun.
        await LockProfileAsync(connection, id, cancellationToken);
        var profiles = await MergeChain.FollowAsync(store, tenantId, id, cancellationToken);
        Guid[] ids = [.. profiles];

        var identifiers = new List<Identifier> { identifier };
        await using (var links = new NpgsqlCommand(
            "delete from cdp.identity_links where tenant_id = $1 and profile_id = any($2) returning kind, value", connection))
        {
            links.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
            links.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            await using var reader = await links.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (Identifier.TryParseKind(reader.GetString(0), out var kind))
                {
                    identifiers.Add(new Identifier(kind, reader.GetString(1)));
                }
            }
        }

        await SuppressAsync(connection, tenantId, [.. identifiers.Distinct()], cancellationToken);
        await using (var erase = new NpgsqlBatch(connection))
        {
            erase.BatchCommands.Add(ProfilesCommand("""
                insert into cdp.handled_messages (tenant_id, message_id)
                select tenant_id, message_id from cdp.profile_timeline where tenant_id = $1 and profile_id = any($2) on conflict do nothing
                """, tenantId, ids));
            erase.BatchCommands.Add(ProfilesCommand("delete from cdp.profile_timeline where tenant_id = $1 and profile_id = any($2)", tenantId, ids));
            erase.BatchCommands.Add(ProfilesCommand("delete from cdp.profiles where tenant_id = $1 and id = any($2)", tenantId, ids));
            await erase.ExecuteNonQueryAsync(cancellationToken);
        }

        string[] streams = [.. profiles.Select(PendingEvent.StreamIdOf)];
        await store.RedactStreamsAsync(connection, transaction, tenantId, streams, cancellationToken);
        // After the redaction, so the marker itself stays readable. Its id is derived: a retried erasure appends it once.
        var forgotten = new NewEvent(
            EventIds.FromKey(tenantId, ProfileEventTypes.Forgotten + "/" + id.ToString("N")),
            new ProfileForgotten(DateTimeOffset.UtcNow, streams));
        await store.AppendAsync(connection, transaction,
            [new StreamAppend(tenantId, PendingEvent.StreamIdOf(id), ExpectedVersion.Any, [forgotten], "profile")], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogForgotten(logger, tenantId, id, streams.Length, identifiers.Distinct().Count());
        return true;
    }

    // Ids and counts only: the log must not hold what the erasure removed.
    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot profile {ProfileId} of tenant {TenantId}: {Streams} streams redacted, {Identifiers} identifiers suppressed")]
    private static partial void LogForgotten(ILogger logger, string tenantId, Guid profileId, int streams, int identifiers);

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

    private static async Task LockProfileAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select id from cdp.profiles where id = $1 for update", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand ProfilesCommand(string sql, string tenantId, Guid[] ids)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        return command;
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
}
