using Microsoft.Extensions.Logging;
using Npgsql;

namespace Streaming.Projections.Daemon;

/// <summary>
/// The gap-safe high-water mark: the highest sequence S such that every sequence up to S is either
/// committed and visible or proven dead. Projections never read past it, so an event whose transaction
/// commits late (holding a lower sequence than events already visible) is never skipped.
/// </summary>
/// <remarks>
/// Proof of death: appends take their transaction id before any sequence value (EventStore.Append), so
/// the holder of a missing sequence g below a visible sequence n started before n committed and therefore
/// before the snapshot in which the gap was first seen. Once every transaction of this database that was
/// running in that snapshot has ended, g either became visible or never will (rolled back). Until then
/// the mark waits, however long; the gap's age is timed from when it was first seen, for the warning.
/// </remarks>
public sealed partial class HighWaterMark : IDisposable
{
    private const string PersistedName = "$high_water_mark";
    private const int MinimumWindow = 256;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ProjectionDaemonOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private GapObservation? _gap;
    private long _mark = -1;

    public HighWaterMark(NpgsqlDataSource dataSource, ProjectionDaemonOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public void Dispose() => _refresh.Dispose();

    /// <summary>The last computed mark (-1 before the first refresh).</summary>
    public long Current => Volatile.Read(ref _mark);

    /// <summary>The gap the mark is waiting at, if any: its first missing sequence and when it was first seen.</summary>
    public GapInfo? CurrentGap => _gap is { } gap ? new GapInfo(gap.Start, gap.FirstSeen, _time.GetUtcNow() - gap.FirstSeen) : null;

    /// <summary>The mark, refreshed from the database when it is not above <paramref name="position"/>.</summary>
    public async Task<long> GetAsync(long position, CancellationToken cancellationToken)
    {
        var known = Current;
        return known > position ? known : await RefreshAsync(cancellationToken);
    }

    /// <summary>Advances the mark as far as it safely can and returns it.</summary>
    public async Task<long> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var start = _mark < 0 ? await ReadPersistedAsync(connection, cancellationToken) : _mark;
            var mark = await AdvanceAsync(connection, start, cancellationToken);
            if (mark > start)
            {
                await PersistAsync(connection, mark, cancellationToken);
            }

            Volatile.Write(ref _mark, mark);
            return mark;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<long> AdvanceAsync(NpgsqlConnection connection, long mark, CancellationToken cancellationToken)
    {
        // Bounded: each pass either moves the mark, records a gap, proves it, or stops. The window starts
        // small (after rollbacks, gaps come close together) and doubles while runs are contiguous.
        var window = MinimumWindow;
        var catchingUp = false;
        for (var pass = 0; pass < 1000; pass++)
        {
            // Catching up over a long contiguous log, a count of the next window (index only, several times
            // cheaper per row than the gap statement) proves it whole; the gap statement runs where it is not.
            if (catchingUp && await WindowIsWholeAsync(connection, mark, window, cancellationToken))
            {
                mark += window;
                window = Math.Min(window * 2, Math.Max(MinimumWindow, _options.HighWaterWindow));
                continue;
            }

            var (contiguous, nextPresent, windowFull) = await FindFirstGapAsync(connection, mark, window, cancellationToken);
            mark = contiguous;
            if (nextPresent is not { } next)
            {
                _gap = null;
                if (windowFull)
                {
                    catchingUp = true;
                    window = Math.Min(window * 2, Math.Max(MinimumWindow, _options.HighWaterWindow));
                    continue;
                }

                return mark;
            }

            window = MinimumWindow;
            catchingUp = false;

            var gapStart = contiguous + 1;
            if (_gap is not { } gap || gap.Start != gapStart)
            {
                _gap = new GapObservation(gapStart, _time.GetUtcNow(), await RunningTransactionsAsync(connection, cancellationToken));
                continue;
            }

            if (gap.ProvenDead)
            {
                // Re-read after the proof: still missing, so [gapStart, next) can never commit.
                await RecordSkippedAsync(connection, gapStart, next - 1, gap.FirstSeen, cancellationToken);
                LogSkipped(_logger, gapStart, next - 1, (_time.GetUtcNow() - gap.FirstSeen).TotalMilliseconds);
                mark = next - 1;
                _gap = null;
                continue;
            }

            if (await AllEndedAsync(connection, gap.WaitFor, cancellationToken))
            {
                _gap = gap with { ProvenDead = true };
                continue;
            }

            var age = _time.GetUtcNow() - gap.FirstSeen;
            if (age >= _options.GapWarningAfter && !gap.Warned)
            {
                LogLongGap(_logger, gapStart, age.TotalSeconds);
                _gap = gap with { Warned = true };
            }

            return mark;
        }

        return mark;
    }

    /// <summary>
    /// Gap detection in ONE statement: the mark itself plus the next window of sequences, each paired with
    /// its successor by <c>lead()</c>; the first row without a direct successor ends the contiguous run.
    /// </summary>
    internal static async Task<(long Contiguous, long? NextPresent, bool WindowFull)> FindFirstGapAsync(
        NpgsqlConnection connection, long mark, int window, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select seq_id, next, total
            from (
                select seq_id, lead(seq_id) over (order by seq_id) as next, count(*) over () - 1 as total
                from (
                    select $1::bigint as seq_id
                    union all
                    (select seq_id from cdp.events where seq_id > $1 order by seq_id limit $2)
                ) w
            ) g
            where next is null or next > seq_id + 1
            order by seq_id
            limit 1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = mark });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = window });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var contiguous = reader.GetInt64(0);
        long? next = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        return (contiguous, next, next is null && reader.GetInt64(2) >= window);
    }

    /// <summary>
    /// Whether every sequence in (mark, mark + window] is committed and visible: sequences are unique, so a
    /// count equal to the window's width leaves no room for a gap.
    /// </summary>
    internal static async Task<bool> WindowIsWholeAsync(NpgsqlConnection connection, long mark, int window, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select count(*) from cdp.events where seq_id > $1 and seq_id <= $1 + $2", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = mark });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = window });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == window;
    }

    /// <summary>
    /// The top-level transactions of this database running now. A snapshot lists only those below its xmax
    /// (the newest completed id + 1); a running transaction at or above xmax (one that took its id after
    /// every committed one) is not in the list, so those come from pg_stat_activity, their 32-bit ids widened
    /// with xmax's epoch.
    /// </summary>
    private static async Task<long[]> RunningTransactionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            with s as (select pg_current_snapshot() as snapshot, pg_snapshot_xmax(pg_current_snapshot())::text::bigint as xmax),
            mine as (select backend_xid::text::bigint as xid from pg_stat_activity where datname = current_database() and backend_xid is not null)
            select coalesce(array_agg(x), '{}') from (
                select x::text::bigint as x from s, pg_snapshot_xip(s.snapshot) x where exists (select 1 from mine where mine.xid = x::text::bigint % 4294967296)
                union
                select s.xmax + d from s, mine, lateral (select (mine.xid - s.xmax % 4294967296 + 4294967296) % 4294967296 as d) w
                where d < 2147483648
            ) running
            """, connection);
        return (long[])(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<bool> AllEndedAsync(NpgsqlConnection connection, long[] transactions, CancellationToken cancellationToken)
    {
        if (transactions.Length == 0)
        {
            return true;
        }

        await using var command = new NpgsqlCommand(
            "select not exists (select 1 from unnest($1::bigint[]) x where pg_xact_status(x::text::xid8) = 'in progress')", connection);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = transactions });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task RecordSkippedAsync(NpgsqlConnection connection, long from, long to, DateTimeOffset firstSeen, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into cdp.skipped_sequences (seq_id, first_seen) select s, $3 from generate_series($1::bigint, $2::bigint) s
            on conflict do nothing
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = to });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = firstSeen.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ReadPersistedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select position from cdp.projection_progress where name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PersistedName });
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

    private static async Task PersistAsync(NpgsqlConnection connection, long mark, CancellationToken cancellationToken)
    {
        // Any instance may persist: a mark is safe forever once proven, so the highest wins.
        await using var command = new NpgsqlCommand("""
            insert into cdp.projection_progress as p (name, position) values ($1, $2)
            on conflict (name) do update set position = greatest(p.position, excluded.position), updated_at = now()
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PersistedName });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = mark });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record GapObservation(long Start, DateTimeOffset FirstSeen, long[] WaitFor, bool ProvenDead = false, bool Warned = false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sequences {From}..{To} were proven dead (rolled back) and skipped after {Milliseconds:0} ms")]
    private static partial void LogSkipped(ILogger logger, long from, long to, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projections wait at sequence {Sequence}: an open transaction has held it for {Seconds:0} s")]
    private static partial void LogLongGap(ILogger logger, long sequence, double seconds);
}

/// <summary>A gap the high-water mark waits at: its first missing sequence, when it was first seen, and its age since.</summary>
public sealed record GapInfo(long Sequence, DateTimeOffset FirstSeen, TimeSpan Age);
