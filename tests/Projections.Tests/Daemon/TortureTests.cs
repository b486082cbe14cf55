using System.Collections.Concurrent;
using Streaming.Projections.EventStore;
using Xunit.Abstractions;
using Streaming.Projections.TestDaemon;
using Streaming.Projections.Tests.Support;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Projections.Tests.Daemon;

public sealed class TortureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 16;
    private const int TotalEvents = 100_000;
    private readonly MigratedDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await RecordingProjection.CreateTableAsync(_db.DataSource);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Sixteen_writers_100k_events_every_projection_sees_every_committed_event_exactly_once_and_no_rolled_back_one()
    {
        var store = Store.Create(_db.DataSource);
        var committed = new ConcurrentBag<Guid>();
        var rolledBack = new ConcurrentBag<Guid>();
        await using var daemon = await RunningDaemon.StartAsync(_db.DataSource,
            [new RecordingProjection("all"), new RecordingProjection("only-a", ["a"])], RunningDaemon.FastOptions(batchSize: 1000));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var left = TotalEvents / Writers;
            for (var batchNo = 0; left > 0; batchNo++)
            {
                var appends = Enumerable.Range(0, random.Next(1, 4)).Select(_ => new StreamAppend(
                    "t" + random.Next(3), "shared-" + random.Next(48), ExpectedVersion.Any,
                    [.. Enumerable.Range(0, random.Next(5, 30)).Select(i => NewEvent.FromJson(Guid.NewGuid(), i % 2 == 0 ? "a" : "b", """{"v":1}"""))]))
                    .ToList();
                var ids = appends.SelectMany(a => a.Events.Select(e => e.Id)).ToList();
                if (ids.Count > left)
                {
                    appends = [appends[0] with { Events = [.. appends[0].Events.Take(left)] }];
                    ids = [.. appends[0].Events.Select(e => e.Id)];
                }

                if (batchNo % 7 == 3)
                {
                    // A deliberate rollback after the rows went in: their sequence numbers become gaps.
                    await using var connection = await _db.DataSource.OpenConnectionAsync();
                    await using var transaction = await connection.BeginTransactionAsync();
                    await store.AppendAsync(connection, transaction, appends);
                    await transaction.RollbackAsync();
                    ids.ForEach(rolledBack.Add);
                    continue;
                }

                await store.AppendAsync(appends);
                ids.ForEach(committed.Add);
                left -= ids.Count;
            }
        })));

        output.WriteLine($"written in {clock.Elapsed}, {rolledBack.Count} events rolled back");
        Assert.Equal(TotalEvents, committed.Count);
        Assert.Equal(TotalEvents, await _db.ScalarAsync("select count(*) from cdp.events"));
        var timeout = TimeSpan.FromMinutes(3);
        await Seen.CaughtUpAsync(_db.DataSource, "all", timeout);
        await Seen.CaughtUpAsync(_db.DataSource, "only-a", timeout);

        output.WriteLine($"caught up after {clock.Elapsed}");
        Assert.Equal(((long)TotalEvents, (long)TotalEvents), await Seen.CountAsync(_db.DataSource, "all"));
        Assert.Equal((0L, 0L), await Seen.DiffAsync(_db.DataSource, "all"));
        var typeA = await _db.ScalarAsync("select count(*) from cdp.events where type = 'a'");
        Assert.Equal((typeA, typeA), await Seen.CountAsync(_db.DataSource, "only-a"));
        Assert.Equal((0L, 0L), await Seen.DiffAsync(_db.DataSource, "only-a", ["a"]));
        Assert.NotEmpty(rolledBack);
        await using var leaked = _db.DataSource.CreateCommand("select count(*) from test_seen where event_id = any($1)");
        leaked.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]> { TypedValue = [.. rolledBack] });
        Assert.Equal(0L, (long)(await leaked.ExecuteScalarAsync())!);
        // The rollbacks left gaps that the daemon had to prove dead before passing them.
        Assert.True(await _db.ScalarAsync("select count(*) from cdp.skipped_sequences") > 0);
    }
}
