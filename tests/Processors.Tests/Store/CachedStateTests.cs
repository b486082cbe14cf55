using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Processors.Gdpr;
using Streaming.Processors.Identity;
using Streaming.Processors.Migrations;
using Streaming.Processors.Store;
using Streaming.Processors.Tests.Driver;
using Streaming.Processors.Topology;
using Streaming.Projections.EventStore;
using Streaming.TestSupport;
using EventStore = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Processors.Tests.Store;

/// <summary>
/// A batch trusts its cache and lets the store's version checks catch what changed behind it:
/// two topologies with their own caches stand for two processes sharing one profile.
/// </summary>
public sealed class CachedStateTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PostgresProfileStore _store = null!;
    private long _offset;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(TestSchema.Migrations);
        await using var tenant = _database.DataSource.CreateCommand(TestSchema.SeedAcme);
        await tenant.ExecuteNonQueryAsync();
        _store = new PostgresProfileStore(_database.DataSource, new EventStoreSink(EventStore.Create(_database.DataSource)), []);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_profile_changed_by_another_process_is_reread_and_nothing_is_lost()
    {
        var a = TestTopology.Runner(_store, 100);
        var b = TestTopology.Runner(_store, 100);

        await RunAsync(a, TrackEnvelope.Of("u1", "a1"));
        await RunAsync(b, TrackEnvelope.Of("u1", "a1"));
        var result = await RunAsync(a, TrackEnvelope.Of("u1", "a1"), TrackEnvelope.Of("u1", "a1"));

        Assert.Equal(2, result.Applied);
        Assert.Equal(4, await _database.ScalarAsync("select event_count from cdp.profiles"));
        Assert.Equal(4, await _database.ScalarAsync("select version from cdp.profiles"));
        Assert.Equal(4, await _database.ScalarAsync("select version from cdp.streams where type = 'profile'"));
        Assert.Equal(4, await _database.ScalarAsync("select count(*) from cdp.events"));
    }

    [Fact]
    public async Task A_cached_profile_forgotten_meanwhile_is_not_recreated_by_its_identifiers()
    {
        var topology = TestTopology.Runner(_store, 100);
        await RunAsync(topology, TrackEnvelope.Of("u2", "a2"));

        Assert.True(await new ProfilePrivacy(_database.DataSource, EventStore.Create(_database.DataSource), NullLogger<ProfilePrivacy>.Instance).ForgetAsync("acme", new Identifier(IdentifierKind.UserId, "u2"), CancellationToken.None));
        var result = await RunAsync(topology, TrackEnvelope.Of(null, "a2"));

        Assert.Equal(1, result.Suppressed);
        Assert.Equal(0, await _database.ScalarAsync("select count(*) from cdp.profiles"));
        // The forgotten person's earlier message and the dropped one: both recognised if redelivered.
        Assert.Equal(2, await _database.ScalarAsync("select count(*) from cdp.handled_messages"));
    }

    [Fact]
    public async Task A_profile_the_batch_only_read_is_checked_at_commit()
    {
        var topology = TestTopology.Runner(_store, 100);
        await RunAsync(topology, TrackEnvelope.Of("u3", "a3"), TrackEnvelope.Of("u3", "a3"));
        Assert.True(topology.Cache.TryResolve(new TenantIdentifier("acme", new Identifier(IdentifierKind.UserId, "u3")), out var profile));
        var id = profile.Id;

        // Read at version 1, but another writer has moved it to 2 since: the batch's decisions are stale.
        Assert.True(await CommitReadOnlyAsync(id, version: 2));
        await Assert.ThrowsAsync<StoreConflictException>(() => CommitReadOnlyAsync(id, version: 1));
    }

    private async Task<bool> CommitReadOnlyAsync(Guid profile, long version)
    {
        await using var unit = await _store.BeginBatchAsync(CancellationToken.None);
        var changes = new BatchChanges();
        changes.Messages.Add(new ProcessedMessage("acme", Guid.NewGuid().ToString(), null));
        changes.ReadOnly.Add((profile, version));
        unit.Stage(changes);
        await unit.CommitAsync(CancellationToken.None);
        return true;
    }

    private async Task<BatchResult> RunAsync(StageRunner topology, params EventEnvelope[] envelopes) =>
        await topology.RunAsync(
            new RecordDecoder(_store),
            [.. envelopes.Select(e => TestRecords.Of(e, _offset++))]);
}
