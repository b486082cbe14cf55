using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Streaming.Projections.Daemon;
using Streaming.Projections.EventStore;
using Streaming.Projections.Tests.Support;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Projections.Tests.Daemon;

/// <summary>The event-store lessons of STYLE.md, one test each, against real concurrent transactions.</summary>
public sealed class HighWaterMarkTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private readonly MigratedDatabase _db = new();
    private readonly ManualClock _clock = new(Start);
    private Store _store = null!;
    private HighWaterMark _mark = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _store = Store.Create(_db.DataSource);
        _mark = new HighWaterMark(_db.DataSource, new ProjectionDaemonOptions { HighWaterWindow = 2 }, _clock, NullLogger.Instance);
    }

    public async Task DisposeAsync()
    {
        _mark.Dispose();
        await _db.DisposeAsync();
    }

    private Task<StreamAppendResult> CommitOneAsync() =>
        _store.AppendAsync("t1", "s-" + Guid.NewGuid(), ExpectedVersion.Any, [NewEvent.FromJson(Guid.NewGuid(), "x", "{}")]);

    /// <summary>An append that has taken its sequence number but not committed yet.</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> HoldOneOpenAsync()
    {
        var connection = await _db.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await _store.AppendAsync(connection, transaction,
            [new StreamAppend("t1", "held-" + Guid.NewGuid(), ExpectedVersion.Any, [NewEvent.FromJson(Guid.NewGuid(), "x", "{}")])]);
        return (connection, transaction);
    }

    [Fact]
    public async Task Gap_detection_finds_the_first_gap_in_one_statement()
    {
        await using (var insert = _db.DataSource.CreateCommand("""
            insert into cdp.events (seq_id, id, tenant_id, stream_id, version, type, data)
            select s, gen_random_uuid(), 't1', 's' || s, 1, 'x', '{}' from unnest('{1,2,3,5,6,9}'::bigint[]) s
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await using var connection = await _db.DataSource.OpenConnectionAsync();

        Assert.Equal((3L, (long?)5L, false), await HighWaterMark.FindFirstGapAsync(connection, 0, 100, CancellationToken.None));
        Assert.Equal((6L, (long?)9L, false), await HighWaterMark.FindFirstGapAsync(connection, 5, 100, CancellationToken.None));
        Assert.Equal((9L, (long?)null, false), await HighWaterMark.FindFirstGapAsync(connection, 9, 100, CancellationToken.None));
        // A window that ends without a gap says so, so the caller scans on instead of stopping.
        Assert.Equal((2L, (long?)null, true), await HighWaterMark.FindFirstGapAsync(connection, 0, 2, CancellationToken.None));
        // No transaction is open, so each gap is proven dead at once and the mark passes them, in one refresh.
        Assert.Equal(9, await _mark.RefreshAsync(CancellationToken.None));
        Assert.Equal(4 + 7 + 8, await _db.ScalarAsync("select sum(seq_id) from cdp.skipped_sequences"));
    }

    [Fact]
    public async Task Catching_up_over_a_long_run_the_mark_still_stops_at_a_gap_far_in()
    {
        // 1..2999 and 3001..4000: the whole-window count carries the mark over the run and must not jump 3000.
        await using (var insert = _db.DataSource.CreateCommand("""
            insert into cdp.events (seq_id, id, tenant_id, stream_id, version, type, data)
            select s, gen_random_uuid(), 't1', 's' || s, 1, 'x', '{}' from generate_series(1, 4000) s where s <> 3000
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await using (var connection = await _db.DataSource.OpenConnectionAsync())
        {
            Assert.True(await HighWaterMark.WindowIsWholeAsync(connection, 0, 2999, CancellationToken.None));
            Assert.False(await HighWaterMark.WindowIsWholeAsync(connection, 2000, 1000, CancellationToken.None));
        }

        // No transaction is open, so 3000 is proven dead at once; it must have been seen (and recorded), not jumped.
        using var mark = new HighWaterMark(_db.DataSource, new ProjectionDaemonOptions(), _clock, NullLogger.Instance);
        Assert.Equal(4000, await mark.RefreshAsync(CancellationToken.None));
        Assert.Equal(3000, await _db.ScalarAsync("select sum(seq_id) from cdp.skipped_sequences"));
    }

    [Fact]
    public async Task A_holder_with_a_newer_transaction_id_than_every_committed_one_still_holds_the_mark()
    {
        // The later sequence's append takes its transaction id first, the holder second (the highest id
        // running), then the holder takes sequence 1 and the other sequence 2 and commits. The snapshot's
        // xmax is then the holder's id, which a snapshot does not list as running: it must still be waited for.
        await using var first = await _db.DataSource.OpenConnectionAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("select pg_current_xact_id()", first, firstTransaction))
        {
            await xid.ExecuteScalarAsync();
        }

        var (connection, held) = await HoldOneOpenAsync(); // 1, open
        await _store.AppendAsync(first, firstTransaction,
            [new StreamAppend("t1", "s-" + Guid.NewGuid(), ExpectedVersion.Any, [NewEvent.FromJson(Guid.NewGuid(), "x", "{}")])]); // 2
        await firstTransaction.CommitAsync();

        Assert.Equal(0, await _mark.RefreshAsync(CancellationToken.None));
        Assert.Equal(0, await _mark.RefreshAsync(CancellationToken.None));
        await held.CommitAsync();
        await connection.DisposeAsync();
        Assert.Equal(2, await _mark.RefreshAsync(CancellationToken.None));
        Assert.Equal(0, await _db.ScalarAsync("select count(*) from cdp.skipped_sequences"));
    }

    [Fact]
    public async Task High_water_mark_never_passes_a_sequence_held_by_an_open_transaction()
    {
        await CommitOneAsync();                        // 1
        var (connection, held) = await HoldOneOpenAsync(); // 2, open
        for (var i = 0; i < 5; i++)
        {
            await CommitOneAsync();                    // 3..7 commit after it
        }

        Assert.Equal(1, await _mark.RefreshAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(1)); // no amount of waiting makes an open transaction's sequence skippable
        Assert.Equal(1, await _mark.RefreshAsync(CancellationToken.None));
        Assert.Equal(0, await _db.ScalarAsync("select count(*) from cdp.skipped_sequences"));

        await held.CommitAsync();
        await connection.DisposeAsync();

        Assert.Equal(7, await _mark.RefreshAsync(CancellationToken.None));
        Assert.Equal(0, await _db.ScalarAsync("select count(*) from cdp.skipped_sequences"));
    }

    [Fact]
    public async Task Sequence_of_a_rolled_back_transaction_is_skipped_only_once_proven_dead()
    {
        await CommitOneAsync();                        // 1
        var (connection, held) = await HoldOneOpenAsync(); // 2, will roll back
        await CommitOneAsync();                        // 3

        Assert.Equal(1, await _mark.RefreshAsync(CancellationToken.None));

        await held.RollbackAsync();
        await connection.DisposeAsync();

        Assert.Equal(3, await _mark.RefreshAsync(CancellationToken.None));
        Assert.Equal(2, await _db.ScalarAsync("select seq_id from cdp.skipped_sequences"));
    }

    [Fact]
    public async Task Gap_is_timed_from_when_it_was_first_seen()
    {
        await CommitOneAsync();                        // 1
        var (firstConnection, first) = await HoldOneOpenAsync(); // 2
        await CommitOneAsync();                        // 3
        _clock.Advance(TimeSpan.FromMinutes(1));

        await _mark.RefreshAsync(CancellationToken.None);
        var seen = _mark.CurrentGap!;
        _clock.Advance(TimeSpan.FromMinutes(5));
        await _mark.RefreshAsync(CancellationToken.None);
        var later = _mark.CurrentGap!;

        Assert.Equal((2L, Start.AddMinutes(1)), (seen.Sequence, seen.FirstSeen));
        Assert.Equal((2L, Start.AddMinutes(1), TimeSpan.FromMinutes(5)), (later.Sequence, later.FirstSeen, later.Age));

        await first.CommitAsync();
        await firstConnection.DisposeAsync();
        var (secondConnection, second) = await HoldOneOpenAsync(); // 4
        await CommitOneAsync();                        // 5
        _clock.Advance(TimeSpan.FromMinutes(2));
        await _mark.RefreshAsync(CancellationToken.None);
        var next = _mark.CurrentGap!;

        // A new gap starts its own clock; it does not inherit the age of the one before.
        Assert.Equal((4L, Start.AddMinutes(8), TimeSpan.Zero), (next.Sequence, next.FirstSeen, next.Age));
        Assert.Equal(3, _mark.Current);
        await second.RollbackAsync();
        await secondConnection.DisposeAsync();
    }
}
