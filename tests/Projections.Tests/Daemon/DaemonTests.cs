using Streaming.Projections.Daemon;
using Streaming.Projections.EventStore;
using Streaming.Projections.TestDaemon;
using Streaming.Projections.Tests.Support;
using Streaming.TestSupport;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Projections.Tests.Daemon;

public sealed class DaemonTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly MigratedDatabase _db = new();
    private Store _store = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await RecordingProjection.CreateTableAsync(_db.DataSource);
        _store = Store.Create(_db.DataSource);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static NewEvent Event(string type = "thing.happened") => NewEvent.FromJson(Guid.NewGuid(), type, """{"n":1}""");

    private Task<AppendResult> AppendAsync(int streams, int perStream, string type = "thing.happened") => _store.AppendAsync(
        [.. Enumerable.Range(0, streams).Select(s => new StreamAppend("t1", $"s-{Guid.NewGuid()}", ExpectedVersion.Any,
            [.. Enumerable.Range(0, perStream).Select(_ => Event(type))]))]);

    [Fact]
    public async Task Projection_applies_every_event_once_and_notifies_changes_after_commit()
    {
        using var listening = new CancellationTokenSource(Timeout);
        var changes = new List<ReadModelChange>();
        var listener = Task.Run(async () =>
        {
            await foreach (var change in ReadModelChanges.ListenAsync(_db.DataSource, listening.Token))
            {
                lock (changes)
                {
                    changes.Add(change);
                }
            }
        });
        await Task.Delay(500); // let LISTEN register; the assertion below waits on the condition itself

        await using var daemon = await RunningDaemon.StartAsync(_db.DataSource, [new RecordingProjection("all")]);
        await AppendAsync(streams: 30, perStream: 10);
        await Seen.CaughtUpAsync(_db.DataSource, "all", Timeout);

        Assert.Equal((300L, 300L), await Seen.CountAsync(_db.DataSource, "all"));
        Assert.Equal((0L, 0L), await Seen.DiffAsync(_db.DataSource, "all"));
        await Eventually.Until(() => { lock (changes) { return changes.SelectMany(c => c.Keys).Distinct().Count() == 30; } },
            Timeout, "change notifications for all 30 streams");
        Assert.All(changes, c => Assert.Equal(("all", "t1", "seen"), (c.Projection, c.TenantId, c.ReadModel)));
        await listening.CancelAsync();
        await listener.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task Event_that_keeps_failing_goes_to_dead_letters_and_the_projection_goes_on()
    {
        await using var daemon = await RunningDaemon.StartAsync(_db.DataSource, [new RecordingProjection("picky") { PoisonType = "bad" }]);
        await AppendAsync(streams: 5, perStream: 4);
        await AppendAsync(streams: 1, perStream: 1, type: "bad");
        await AppendAsync(streams: 5, perStream: 4);

        await Seen.CaughtUpAsync(_db.DataSource, "picky", Timeout);

        Assert.Equal((40L, 40L), await Seen.CountAsync(_db.DataSource, "picky"));
        Assert.Equal(1, (await new ProjectionAdmin(_db.DataSource).GetStatusAsync("picky")).DeadLetters);
        Assert.Equal(3, await _db.ScalarAsync("select attempts from cdp.projection_dead_letters where type = 'bad'"));
    }

    [Fact]
    public async Task Rebuild_of_one_projection_replays_it_while_the_other_keeps_running()
    {
        await using var daemon = await RunningDaemon.StartAsync(_db.DataSource, [new RecordingProjection("a"), new RecordingProjection("b")]);
        await AppendAsync(streams: 20, perStream: 10);
        await Seen.CaughtUpAsync(_db.DataSource, "a", Timeout);
        await Seen.CaughtUpAsync(_db.DataSource, "b", Timeout);
        var admin = new ProjectionAdmin(_db.DataSource);

        await admin.RequestRebuildAsync("a");
        await Eventually.Until(async () => (await admin.GetStatusAsync("a")).Rebuilds == 1, Timeout, "the rebuild to run");
        await AppendAsync(streams: 10, perStream: 10);
        await Seen.CaughtUpAsync(_db.DataSource, "a", Timeout);
        await Seen.CaughtUpAsync(_db.DataSource, "b", Timeout);

        Assert.Equal((300L, 300L), await Seen.CountAsync(_db.DataSource, "a"));
        Assert.Equal((300L, 300L), await Seen.CountAsync(_db.DataSource, "b"));
        Assert.Equal(0, (await admin.GetStatusAsync("b")).Rebuilds);
    }

    [Fact]
    public async Task Two_daemon_instances_run_each_projection_exactly_once()
    {
        IProjection[] Projections() => [new RecordingProjection("x"), new RecordingProjection("y"), new RecordingProjection("z")];
        await using var first = await RunningDaemon.StartAsync(_db.DataSource, Projections(), RunningDaemon.FastOptions(batchSize: 50));
        await using var second = await RunningDaemon.StartAsync(_db.DataSource, Projections(), RunningDaemon.FastOptions(batchSize: 50));

        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await AppendAsync(streams: 10, perStream: 5);
            }
        });
        await Eventually.Until(() => first.Daemon.Owned.Count + second.Daemon.Owned.Count == 3, Timeout, "all three projections owned");
        await writing;
        foreach (var name in new[] { "x", "y", "z" })
        {
            await Seen.CaughtUpAsync(_db.DataSource, name, Timeout);
            Assert.Equal((1000L, 1000L), await Seen.CountAsync(_db.DataSource, name));
        }

        Assert.Empty(first.Daemon.Owned.Intersect(second.Daemon.Owned));
    }

    [Fact]
    public async Task Daemon_catches_up_by_polling_when_appends_do_not_notify()
    {
        var quiet = Store.Create(_db.DataSource, o => o.NotifyOnAppend = false);
        await using var daemon = await RunningDaemon.StartAsync(_db.DataSource, [new RecordingProjection("polled", ["wanted"])]);
        await quiet.AppendAsync("t1", "s1", ExpectedVersion.Any, [Event("wanted"), Event("unwanted"), Event("wanted")]);

        await Seen.CaughtUpAsync(_db.DataSource, "polled", Timeout);

        Assert.Equal((2L, 2L), await Seen.CountAsync(_db.DataSource, "polled"));
        Assert.Equal((0L, 0L), await Seen.DiffAsync(_db.DataSource, "polled", ["wanted"]));
    }
}
