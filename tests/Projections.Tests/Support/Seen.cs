using Npgsql;
using Streaming.Projections.Daemon;
using Streaming.TestSupport;

namespace Streaming.Projections.Tests.Support;

/// <summary>Queries over <c>test_seen</c> (what a RecordingProjection applied) and waits on checkpoints.</summary>
public static class Seen
{
    /// <summary>(rows, distinct sequences) a projection recorded.</summary>
    public static async Task<(long Rows, long Distinct)> CountAsync(NpgsqlDataSource dataSource, string projection)
    {
        await using var command = dataSource.CreateCommand("select count(*), count(distinct seq_id) from test_seen where projection = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Committed events (optionally of some types) the projection did not record, plus records that are
    /// not committed events: both must be zero.
    /// </summary>
    public static async Task<(long Missing, long Foreign)> DiffAsync(NpgsqlDataSource dataSource, string projection, string[]? types = null)
    {
        await using var command = dataSource.CreateCommand("""
            select
              (select count(*) from cdp.events e where ($2::text[] is null or e.type = any($2))
                 and not exists (select 1 from test_seen s where s.projection = $1 and s.seq_id = e.seq_id and s.event_id = e.id)),
              (select count(*) from test_seen s where s.projection = $1
                 and not exists (select 1 from cdp.events e where e.seq_id = s.seq_id and e.id = s.event_id))
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        command.Parameters.Add(new NpgsqlParameter<string[]?> { TypedValue = types, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Waits until the projection's checkpoint reaches the current maximum sequence.</summary>
    public static async Task CaughtUpAsync(NpgsqlDataSource dataSource, string projection, TimeSpan timeout)
    {
        var admin = new ProjectionAdmin(dataSource);
        await using var max = dataSource.CreateCommand("select coalesce(max(seq_id), 0) from cdp.events");
        var target = (long)(await max.ExecuteScalarAsync())!;
        await Eventually.Until(async () => (await admin.GetStatusAsync(projection)).Position >= target, timeout,
            $"projection {projection} to reach sequence {target}");
    }
}
