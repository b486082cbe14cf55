using Streaming.Projections.EventStore;
using Streaming.Projections.Tests.Support;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Projections.Tests.EventStore;

public sealed class AggregateTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly Aggregation<List<string>> Names = new(
        "names-v1", () => [], (state, e) => [.. state, e.As<ProfileRenamed>().Name], SnapshotEvery: 3);

    private readonly Store _store = Store.Create(db.DataSource, o => o.MapEventType<ProfileRenamed>("profile.renamed"));

    [Fact]
    public async Task Live_aggregate_folds_the_stream_and_resumes_from_its_snapshot()
    {
        var stream = "p-" + Guid.NewGuid();
        await _store.AppendAsync("t1", stream, ExpectedVersion.Any,
            [.. "abcd".Select(n => n.ToString()).Select(n => new NewEvent(Guid.NewGuid(), new ProfileRenamed(n)))]);

        var first = await _store.AggregateStreamAsync("t1", stream, Names);
        await _store.AppendAsync("t1", stream, ExpectedVersion.Exactly(4), [new NewEvent(Guid.NewGuid(), new ProfileRenamed("e"))]);
        var second = await _store.AggregateStreamAsync("t1", stream, Names);

        Assert.Equal(["a", "b", "c", "d"], first.State);
        Assert.Equal((4L, false), (first.Version, first.FromSnapshot));
        Assert.Equal(["a", "b", "c", "d", "e"], second.State);
        Assert.Equal((5L, true), (second.Version, second.FromSnapshot));
        Assert.Equal(4, await db.ScalarAsync($"select version from cdp.snapshots where stream_id = '{stream}'"));
    }
}
