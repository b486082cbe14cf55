using Streaming.Projections.EventStore;
using Streaming.Projections.Tests.Support;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Projections.Tests.EventStore;

public sealed record ProfileRenamed(string Name);

public sealed class AppendTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private readonly Store _store = Store.Create(db.DataSource, o => o.MapEventType<ProfileRenamed>("profile.renamed"));

    private static NewEvent Renamed(string name) => new(Guid.NewGuid(), new ProfileRenamed(name));

    [Fact]
    public async Task Append_with_stale_expected_version_is_rejected()
    {
        var stream = "p-" + Guid.NewGuid();
        await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, [Renamed("a"), Renamed("b")]);
        await _store.AppendAsync("t1", stream, ExpectedVersion.Exactly(2), [Renamed("c")]);

        var conflict = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => _store.AppendAsync("t1", stream, ExpectedVersion.Exactly(2), [Renamed("stale")]));

        Assert.Equal(3, conflict.ActualVersion);
        var names = (await _store.ReadStreamAsync("t1", stream)).Select(e => e.As<ProfileRenamed>().Name);
        Assert.Equal(["a", "b", "c"], names);
    }

    [Fact]
    public async Task Append_to_existing_stream_with_no_stream_expectation_is_rejected()
    {
        var stream = "p-" + Guid.NewGuid();
        await _store.AppendAsync("t1", stream, ExpectedVersion.Any, [Renamed("a")]);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, [Renamed("b")]));
    }

    [Fact]
    public async Task Batch_with_one_stale_stream_writes_nothing()
    {
        var (a, b) = ("p-" + Guid.NewGuid(), "p-" + Guid.NewGuid());
        await _store.AppendAsync("t1", b, ExpectedVersion.Any, [Renamed("b1")]);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => _store.AppendAsync(
        [
            new StreamAppend("t1", a, ExpectedVersion.NoStream, [Renamed("a1")]),
            new StreamAppend("t1", b, ExpectedVersion.NoStream, [Renamed("b2")]),
        ]));

        Assert.Empty(await _store.ReadStreamAsync("t1", a));
        Assert.Equal(0, await _store.GetStreamVersionAsync("t1", a));
        Assert.Single(await _store.ReadStreamAsync("t1", b));
    }

    [Fact]
    public async Task Repeated_append_of_same_event_ids_is_a_no_op_that_says_so()
    {
        var stream = "p-" + Guid.NewGuid();
        var events = Enumerable.Range(0, 200).Select(i => Renamed("n" + i)).ToArray(); // over the COPY threshold
        var first = await _store.AppendAsync([new StreamAppend("t1", stream, ExpectedVersion.NoStream, events)]);

        // A fresh store instance stands for a restarted process: idempotency lives in the database.
        var restarted = Store.Create(db.DataSource, o => o.MapEventType<ProfileRenamed>("profile.renamed"));
        var again = await restarted.AppendAsync([new StreamAppend("t1", stream, ExpectedVersion.NoStream, events)]);

        Assert.Equal(200, first.Appended);
        Assert.True(again.WasNoOp);
        Assert.Equal(200, again.Duplicates);
        Assert.Equal(200, again.Streams[0].Version);
        Assert.Equal(200, await _store.GetStreamVersionAsync("t1", stream));
        Assert.Equal(200, (await _store.ReadStreamAsync("t1", stream)).Count);
    }

    [Fact]
    public async Task Redelivered_batch_that_grew_appends_only_the_new_events()
    {
        var stream = "p-" + Guid.NewGuid();
        var events = Enumerable.Range(0, 5).Select(i => Renamed("n" + i)).ToArray();
        await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, events[..3]);

        var result = await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, events);

        Assert.Equal((2, 3, 5L), (result.Appended, result.Duplicates, result.Version));
        Assert.Equal(events.Select(e => e.Id), (await _store.ReadStreamAsync("t1", stream)).Select(e => e.Id));
    }

    [Fact]
    public async Task Redelivered_batch_that_grew_may_expect_the_version_it_reads_now()
    {
        var stream = "p-" + Guid.NewGuid();
        var events = Enumerable.Range(0, 5).Select(i => Renamed("n" + i)).ToArray();
        await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, events[..3]);

        var result = await _store.AppendAsync("t1", stream, ExpectedVersion.Exactly(3), events);
        var stale = Renamed("late");
        var conflict = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => _store.AppendAsync("t1", stream, ExpectedVersion.Exactly(2), [events[4], stale]));

        Assert.Equal((2, 3, 5L), (result.Appended, result.Duplicates, result.Version));
        Assert.Equal(5, conflict.ActualVersion);
    }

    [Fact]
    public async Task Streams_are_scoped_by_tenant()
    {
        var stream = "p-" + Guid.NewGuid();
        await _store.AppendAsync("tenant-a", stream, ExpectedVersion.NoStream, [Renamed("a")]);
        await _store.AppendAsync("tenant-b", stream, ExpectedVersion.NoStream, [Renamed("b")]);

        Assert.Equal("a", (await _store.ReadStreamAsync("tenant-a", stream)).Single().As<ProfileRenamed>().Name);
        Assert.Equal("b", (await _store.ReadStreamAsync("tenant-b", stream)).Single().As<ProfileRenamed>().Name);
    }

    [Fact]
    public async Task Metadata_and_explicit_type_names_round_trip()
    {
        var stream = "p-" + Guid.NewGuid();
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var metadata = new EventMetadata
        {
            CorrelationId = "corr-1",
            CausationId = "cause-1",
            Headers = new Dictionary<string, string> { ["traceparent"] = "00-abc-def-01" },
            Timestamp = at,
        };
        await _store.AppendAsync("t1", stream, ExpectedVersion.Any,
            [new NewEvent(Guid.NewGuid(), new ProfileRenamed("x"), metadata), NewEvent.FromJson(Guid.NewGuid(), "raw.thing", """{"k":1}""")]);

        var stored = await _store.ReadStreamAsync("t1", stream);

        Assert.Equal("profile.renamed", stored[0].Type);
        Assert.Equal(("corr-1", "cause-1", at), (stored[0].Metadata.CorrelationId, stored[0].Metadata.CausationId, stored[0].Metadata.Timestamp));
        Assert.Equal("00-abc-def-01", stored[0].Metadata.Headers!["traceparent"]);
        Assert.IsType<ProfileRenamed>(stored[0].Deserialize(_store.Types));
        Assert.Equal(("raw.thing", 2L), (stored[1].Type, stored[1].Version));
    }

    [Fact]
    public async Task Unmapped_event_type_is_refused_before_anything_is_written()
    {
        var stream = "p-" + Guid.NewGuid();
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _store.AppendAsync("t1", stream, ExpectedVersion.Any, [new NewEvent(Guid.NewGuid(), new { Unmapped = true })]));
        Assert.Equal(0, await _store.GetStreamVersionAsync("t1", stream));
    }

    [Fact]
    public async Task Append_in_callers_transaction_commits_with_the_callers_rows_or_not_at_all()
    {
        var kept = "p-" + Guid.NewGuid();
        var dropped = "p-" + Guid.NewGuid();
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await _store.AppendAsync(connection, tx, [new StreamAppend("t1", dropped, ExpectedVersion.Any, [Renamed("x")])]);
            await tx.RollbackAsync();
        }

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await _store.AppendAsync(connection, tx, [new StreamAppend("t1", kept, ExpectedVersion.Any, [Renamed("y")])]);
            await tx.CommitAsync();
        }

        Assert.Equal(0, await _store.GetStreamVersionAsync("t1", dropped));
        Assert.Equal(1, await _store.GetStreamVersionAsync("t1", kept));
    }

    [Fact]
    public async Task Global_log_and_by_type_reads_are_in_sequence_order()
    {
        var tenant = "t-" + Guid.NewGuid();
        var before = await db.ScalarAsync("select coalesce(max(seq_id), 0) from cdp.events");
        await _store.AppendAsync(
        [
            new StreamAppend(tenant, "s1", ExpectedVersion.Any, [Renamed("1"), NewEvent.FromJson(Guid.NewGuid(), "other", "{}")]),
            new StreamAppend(tenant, "s2", ExpectedVersion.Any, [Renamed("2")]),
        ]);

        var all = await _store.ReadAllAsync(before, 100);
        var renamed = await _store.ReadByTypeAsync(tenant, ["profile.renamed"], before, 100);

        Assert.Equal(all.Select(e => e.Sequence).Order(), all.Select(e => e.Sequence));
        Assert.Equal(3, all.Count(e => e.TenantId == tenant));
        Assert.Equal(["1", "2"], renamed.Select(e => e.As<ProfileRenamed>().Name));
    }
}
