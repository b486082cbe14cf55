using Npgsql;

namespace Streaming.Projections.Daemon;

/// <summary>
/// Operations on projections from any process: request a rebuild (carried out by whichever daemon
/// instance owns the projection, while the others keep running), read checkpoints and dead letters.
/// </summary>
public sealed class ProjectionAdmin(NpgsqlDataSource dataSource)
{
    /// <summary>Asks for <paramref name="projection"/> to be reset and replayed from sequence 0.</summary>
    public async Task RequestRebuildAsync(string projection, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        var request = new NpgsqlBatchCommand("""
            insert into cdp.projection_progress as p (name, rebuild_requested) values ($1, true)
            on conflict (name) do update set rebuild_requested = true, updated_at = now()
            """);
        request.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        batch.BatchCommands.Add(request);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_notify('{EventStore.EventStore.EventsChannel}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The checkpoint of a projection (0 when it has not started).</summary>
    public async Task<ProjectionStatus> GetStatusAsync(string projection, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            select coalesce(p.position, 0), coalesce(p.rebuild_requested, false), coalesce(p.rebuilds, 0),
                   (select count(*) from cdp.projection_dead_letters d where d.projection = $1)
            from (select 1) one left join cdp.projection_progress p on p.name = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ProjectionStatus(projection, reader.GetInt64(0), reader.GetBoolean(1), reader.GetInt32(2), reader.GetInt64(3));
    }
}

/// <summary>A projection's checkpoint, whether a rebuild is pending, how many rebuilds ran, and its dead-letter count.</summary>
public sealed record ProjectionStatus(string Name, long Position, bool RebuildRequested, int Rebuilds, long DeadLetters);
