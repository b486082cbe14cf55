using Streaming.Projections.Daemon;
using Streaming.Projections.EventStore;
using Streaming.Projections.Tests.Support;
using Streaming.TestSupport;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Projections.Tests.EventStore;

public sealed class RedactTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly Aggregation<List<string>> Names = new(
        "names-v1", () => [], (state, e) => e.IsRedacted ? state : [.. state, e.As<ProfileRenamed>().Name], SnapshotEvery: 2);

    private readonly Store _store = Store.Create(db.DataSource, o => o.MapEventType<ProfileRenamed>("profile.renamed"));

    [Fact]
    public async Task Redacting_a_stream_replaces_every_events_data_and_keeps_ids_versions_and_types()
    {
        var stream = "p-" + Guid.NewGuid();
        NewEvent[] events = [new(Guid.NewGuid(), new ProfileRenamed("Ann Secret")), new(Guid.NewGuid(), new ProfileRenamed("Ann Hidden"))];
        await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream,
            [.. events.Select(e => NewEvent.FromJson(e.Id, "profile.renamed", """{"name":"Ann Secret"}""",
                new EventMetadata { Headers = new Dictionary<string, string> { ["traceparent"] = "00-abc-def-01" } }))]);

        var redaction = await _store.RedactStreamAsync("t1", stream);
        var stored = await _store.ReadStreamAsync("t1", stream);

        Assert.Equal(2, redaction.EventsRedacted);
        Assert.Equal(events.Select(e => e.Id), stored.Select(e => e.Id));
        Assert.Equal([1L, 2L], stored.Select(e => e.Version));
        Assert.All(stored, e => Assert.Equal("profile.renamed", e.Type));
        Assert.All(stored, e => Assert.True(e.IsRedacted, e.Json));
        Assert.All(stored, e => Assert.Null(e.Metadata.Headers));
        Assert.All(stored, e => Assert.Null(e.Deserialize(_store.Types)));
        Assert.Equal(0, await db.ScalarAsync($"select count(*) from cdp.events where stream_id = '{stream}' and data::text like '%Ann%'"));
    }

    [Fact]
    public async Task A_redacted_stream_still_recognises_its_event_ids_and_guards_its_version()
    {
        var stream = "p-" + Guid.NewGuid();
        var id = Guid.NewGuid();
        await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, [new NewEvent(id, new ProfileRenamed("Bo"))]);
        await _store.RedactStreamAsync("t1", stream);

        var redelivered = await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, [new NewEvent(id, new ProfileRenamed("Bo"))]);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, [new NewEvent(Guid.NewGuid(), new ProfileRenamed("Bo"))]));
        var next = await _store.AppendAsync("t1", stream, ExpectedVersion.Exactly(1), [new NewEvent(Guid.NewGuid(), new ProfileRenamed("later"))]);

        Assert.True(redelivered.WasNoOp);
        Assert.Equal(2, next.Version);
        Assert.Equal(["later"], (await _store.AggregateStreamAsync("t1", stream, Names with { SnapshotEvery = 0 })).State);
    }

    [Fact]
    public async Task Redaction_removes_the_streams_snapshots_and_the_next_fold_starts_from_the_redacted_events()
    {
        var stream = "p-" + Guid.NewGuid();
        await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream,
            [new NewEvent(Guid.NewGuid(), new ProfileRenamed("Cy Private")), new NewEvent(Guid.NewGuid(), new ProfileRenamed("Cy Again"))]);
        await _store.AggregateStreamAsync("t1", stream, Names);
        Assert.Equal(1, await db.ScalarAsync($"select count(*) from cdp.snapshots where stream_id = '{stream}' and data::text like '%Cy Private%'"));

        var redaction = await _store.RedactStreamAsync("t1", stream);
        var folded = await _store.AggregateStreamAsync("t1", stream, Names);

        Assert.Equal(1, redaction.SnapshotsRemoved);
        Assert.Empty(folded.State);
        Assert.False(folded.FromSnapshot);
        Assert.Equal(0, await db.ScalarAsync($"select count(*) from cdp.snapshots where stream_id = '{stream}' and data::text like '%Cy%'"));
    }

    [Fact]
    public async Task Redacting_again_changes_nothing_and_another_tenants_stream_of_the_same_id_is_untouched()
    {
        var stream = "p-" + Guid.NewGuid();
        await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, [new NewEvent(Guid.NewGuid(), new ProfileRenamed("Di"))]);
        await _store.AppendAsync("t2", stream, ExpectedVersion.NoStream, [new NewEvent(Guid.NewGuid(), new ProfileRenamed("Di"))]);

        var first = await _store.RedactStreamAsync("t1", stream);
        var again = await _store.RedactStreamAsync("t1", stream);

        Assert.Equal((1, 0), (first.EventsRedacted, again.EventsRedacted));
        Assert.Equal("Di", (await _store.ReadStreamAsync("t2", stream))[0].As<ProfileRenamed>().Name);
    }

    [Fact]
    public async Task A_redaction_is_announced_to_read_model_listeners_when_it_commits()
    {
        var stream = "p-" + Guid.NewGuid();
        await _store.AppendAsync("t1", stream, ExpectedVersion.NoStream, [new NewEvent(Guid.NewGuid(), new ProfileRenamed("Ed"))]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var changes = ReadModelChanges.ListenAsync(db.DataSource, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = changes.MoveNextAsync().AsTask();

        // LISTEN is issued once the enumerator starts; redact until the listener has heard one.
        await Eventually.Until(async () =>
        {
            await _store.RedactStreamAsync("t1", stream);
            return next.IsCompleted;
        }, TimeSpan.FromSeconds(20), "a redaction notification");

        Assert.True(await next);
        Assert.Equal((ReadModelChanges.Redaction, "t1", ReadModelChanges.RedactedStreams), (changes.Current.Projection, changes.Current.TenantId, changes.Current.ReadModel));
        Assert.Equal([stream], changes.Current.Keys);
    }

    [Fact]
    public void Redaction_notices_of_many_streams_split_below_the_notify_limit()
    {
        string[] streams = [.. Enumerable.Range(0, 500).Select(i => $"profile-{Guid.NewGuid():N}")];

        var payloads = Store.RedactionPayloads("t1", streams);

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) < 8000));
        Assert.Equal(streams, payloads.SelectMany(p => ReadModelChanges.ParseRedaction(p)!.Keys));
    }
}
