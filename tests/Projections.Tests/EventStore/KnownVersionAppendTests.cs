using Npgsql;
using Streaming.Projections.EventStore;
using Streaming.Projections.Tests.Support;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Projections.Tests.EventStore;

/// <summary>The append for callers that own their streams: exact versions, one write per stream, no duplicate lookup.</summary>
public sealed class KnownVersionAppendTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private readonly Store _store = Store.Create(db.DataSource, o => o.MapEventType<ProfileRenamed>("profile.renamed"));

    private static NewEvent Renamed(string name) => new(Guid.NewGuid(), new ProfileRenamed(name));

    private async Task AppendInTransactionAsync(params StreamAppend[] appends)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await _store.AppendAtKnownVersionsAsync(connection, transaction, appends);
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task New_and_existing_streams_move_to_their_new_versions_in_one_commit()
    {
        var (fresh, existing) = ("p-" + Guid.NewGuid(), "p-" + Guid.NewGuid());
        await _store.AppendAsync("t1", existing, ExpectedVersion.NoStream, [Renamed("e1"), Renamed("e2")]);
        // Enough events for the COPY path on one stream, the insert path on the other.
        var many = Enumerable.Range(0, 70).Select(i => Renamed("f" + i)).ToList();

        await AppendInTransactionAsync(
            new StreamAppend("t1", fresh, ExpectedVersion.NoStream, many, "profile"),
            new StreamAppend("t1", existing, ExpectedVersion.Exactly(2), [Renamed("e3")]));

        Assert.Equal(70, await _store.GetStreamVersionAsync("t1", fresh));
        Assert.Equal(3, await _store.GetStreamVersionAsync("t1", existing));
        Assert.Equal(["e1", "e2", "e3"], (await _store.ReadStreamAsync("t1", existing)).Select(e => e.As<ProfileRenamed>().Name));
        Assert.Equal(Enumerable.Range(1, 70).Select(v => (long)v), (await _store.ReadStreamAsync("t1", fresh)).Select(e => e.Version));
    }

    [Fact]
    public async Task A_stream_not_at_its_expected_version_fails_the_append_and_writes_nothing()
    {
        var (a, b) = ("p-" + Guid.NewGuid(), "p-" + Guid.NewGuid());
        await _store.AppendAsync("t1", b, ExpectedVersion.NoStream, [Renamed("b1"), Renamed("b2")]);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => AppendInTransactionAsync(
            new StreamAppend("t1", a, ExpectedVersion.NoStream, [Renamed("a1")]),
            new StreamAppend("t1", b, ExpectedVersion.Exactly(1), [Renamed("stale")])));
        // The stream someone else created meanwhile counts as a conflict too.
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => AppendInTransactionAsync(
            new StreamAppend("t1", b, ExpectedVersion.NoStream, [Renamed("again")])));

        Assert.Equal(0, await _store.GetStreamVersionAsync("t1", a));
        Assert.Equal(["b1", "b2"], (await _store.ReadStreamAsync("t1", b)).Select(e => e.As<ProfileRenamed>().Name));
    }

    [Fact]
    public async Task An_event_id_already_stored_is_a_concurrent_append_not_a_silent_duplicate()
    {
        var stream = "p-" + Guid.NewGuid();
        var first = Renamed("a");
        await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, [first]);

        await Assert.ThrowsAsync<ConcurrentAppendException>(() => AppendInTransactionAsync(
            new StreamAppend("t1", "p-" + Guid.NewGuid(), ExpectedVersion.NoStream, [first])));

        Assert.Single(await _store.ReadStreamAsync("t1", stream));
    }

    [Fact]
    public async Task Any_as_expected_version_is_refused()
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAtKnownVersionsAsync(
            connection, transaction, [new StreamAppend("t1", "p-any", ExpectedVersion.Any, [Renamed("x")])]));
    }
}
