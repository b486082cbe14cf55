using Npgsql;
using Streaming.Projections.Daemon;
using Streaming.Projections.EventStore;

namespace Streaming.Projections.TestDaemon;

/// <summary>
/// Writes one row per event it is given into <c>test_seen</c> (no unique key on purpose, so a double
/// shows up as a second row), optionally slowly (to be killed mid-batch) or failing on a type.
/// </summary>
public sealed class RecordingProjection(string name, IReadOnlyCollection<string>? eventTypes = null) : IProjection
{
    public string Name { get; } = name;

    public IReadOnlyCollection<string>? EventTypes { get; } = eventTypes;

    /// <summary>Seconds each batch sleeps inside its transaction (after writing its rows).</summary>
    public double SleepPerBatch { get; init; }

    /// <summary>Events of this type throw every time.</summary>
    public string? PoisonType { get; init; }

    public static async Task CreateTableAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists test_seen (projection text not null, seq_id bigint not null, event_id uuid not null);
            create index if not exists test_seen_projection on test_seen (projection, seq_id);
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(context);
        if (PoisonType is not null && events.Any(e => e.Type == PoisonType))
        {
            throw new InvalidOperationException("poison event");
        }

        await using var command = context.CreateCommand(
            "insert into test_seen (projection, seq_id, event_id) select $1, s, e from unnest($2::bigint[], $3::uuid[]) u(s, e)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. events.Select(e => e.Sequence)] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. events.Select(e => e.Id)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (SleepPerBatch > 0)
        {
            await using var sleep = context.CreateCommand($"select pg_sleep({SleepPerBatch.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
            await sleep.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var e in events)
        {
            context.Changed(e.TenantId, "seen", e.StreamId);
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var command = context.CreateCommand("delete from test_seen where projection = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
