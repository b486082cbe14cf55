using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Platform.Contracts;
using Streaming.Platform.Contracts.Events;
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

namespace Streaming.Processors.Tests.Gdpr;

/// <summary>
/// GDPR erasure against PostgreSQL, after the processors built the person across several profiles
/// that were merged into one another: nothing of the person may remain anywhere in the database.
/// </summary>
public sealed class ErasureTests : IAsyncLifetime
{
    private const string Tenant = "acme";
    private const string UserId = "gina-rossi-7";
    private const string HomeEmail = "gina.rossi@example.com";
    private const string WorkEmail = "g.rossi@work.example";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private TestDatabase _database = null!;
    private EventStore _store = null!;
    private PostgresProfileStore _profiles = null!;
    private StageRunner _topology = null!;
    private RecordDecoder _decoder = null!;
    private ProfilePrivacy _privacy = null!;
    private long _offset;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(TestSchema.Migrations);
        await using var tenant = _database.DataSource.CreateCommand(TestSchema.SeedAcme);
        await tenant.ExecuteNonQueryAsync();
        _store = EventStore.Create(_database.DataSource);
        _profiles = new PostgresProfileStore(_database.DataSource, new EventStoreSink(_store), []);
        _topology = TestTopology.Runner(_profiles, 100);
        _decoder = new RecordDecoder(_profiles);
        _privacy = new ProfilePrivacy(_database.DataSource, _store, NullLogger<ProfilePrivacy>.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Erasure_after_a_three_deep_merge_chain_redacts_every_stream_and_leaves_no_personal_data()
    {
        var chain = await BuildMergeChainAsync();
        var live = chain[0];
        // A live aggregate with a snapshot holding personal data, on the live stream and on the deepest merged one.
        foreach (var profile in new[] { live, chain[3] })
        {
            await _store.AggregateStreamAsync(Tenant, PendingEvent.StreamIdOf(profile),
                new Aggregation<string>("raw-v1", () => "", (state, e) => state + e.Json, SnapshotEvery: 1));
        }

        Assert.Contains(HomeEmail, await DatabaseTextAsync(), StringComparison.Ordinal);

        Assert.True(await _privacy.ForgetAsync(Tenant, new Identifier(IdentifierKind.Email, HomeEmail), CancellationToken.None));

        var text = await DatabaseTextAsync();
        foreach (var personal in new[] { "gina", "rossi", HomeEmail, WorkEmail })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        }

        string[] streams = [.. chain.Select(PendingEvent.StreamIdOf)];
        var events = await _store.ReadStreamsAsync(Tenant, streams);
        var forgotten = Assert.Single(events, e => !e.IsRedacted);
        Assert.Equal(ProfileEventTypes.Forgotten, forgotten.Type);
        Assert.Equal(PendingEvent.StreamIdOf(live), forgotten.StreamId);
        Assert.Equal(streams.Order(), DomainEventSerializer.Deserialize<ProfileForgotten>(forgotten.Json).RedactedStreams.Order());
        Assert.Equal(0, await _database.ScalarAsync("select count(*) from cdp.snapshots"));
        foreach (var table in new[] { "cdp.profiles", "cdp.identity_links", "cdp.profile_timeline" })
        {
            Assert.Equal(0, await _database.ScalarAsync($"select count(*) from {table}"));
        }

        // userId, four anonymous ids, two emails: each suppressed once, hashed.
        Assert.Equal(7, await _database.ScalarAsync("select count(*) from cdp.suppressions"));
    }

    [Fact]
    public async Task A_message_replayed_after_erasure_does_not_recreate_the_person()
    {
        var messages = await BuildMergeChainMessagesAsync();
        Assert.True(await _privacy.ForgetAsync(Tenant, new Identifier(IdentifierKind.UserId, UserId), CancellationToken.None));
        var eventsAfterErasure = await _database.ScalarAsync("select count(*) from cdp.events");

        var replayed = await RunAsync(messages[^1]);
        var lateByDevice = await RunAsync(Identify(null, "a3", $$"""{"email":"{{WorkEmail}}"}""", Start.AddHours(9)));
        var lateByEmailOnNewDevice = await RunAsync(Identify(null, "a-new", $$"""{"email":"{{HomeEmail}}"}""", Start.AddHours(10)));

        Assert.Equal((0, 1), (replayed.Applied, replayed.Duplicates));
        Assert.Equal(1, lateByDevice.Suppressed);
        Assert.Equal(1, lateByEmailOnNewDevice.Suppressed);
        Assert.Equal(0, await _database.ScalarAsync("select count(*) from cdp.profiles"));
        Assert.Equal(eventsAfterErasure, await _database.ScalarAsync("select count(*) from cdp.events"));
        Assert.DoesNotContain("rossi", await DatabaseTextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erasure_for_an_identifier_nobody_holds_or_a_tenant_that_does_not_exist_writes_nothing()
    {
        await BuildMergeChainAsync();
        var before = await DatabaseTextAsync();

        var nobody = await _privacy.ForgetAsync(Tenant, new Identifier(IdentifierKind.Email, "nobody@example.com"), CancellationToken.None);
        var noTenant = await _privacy.ForgetAsync("no-such-tenant", new Identifier(IdentifierKind.Email, HomeEmail), CancellationToken.None);

        Assert.False(nobody);
        Assert.False(noTenant);
        Assert.Equal(before, await DatabaseTextAsync());
    }

    [Fact]
    public async Task Export_covers_every_profile_of_the_merge_chain()
    {
        var chain = await BuildMergeChainAsync();

        var export = await _privacy.ExportAsync(Tenant, new Identifier(IdentifierKind.Email, WorkEmail), CancellationToken.None);

        Assert.NotNull(export);
        var streams = export["events"]!.AsArray().Select(e => (string)e!["stream"]!).ToHashSet();
        Assert.Equal(chain.Select(PendingEvent.StreamIdOf).ToHashSet(), streams);
    }

    /// <summary>
    /// Four profiles of one person, each merged into the next: P4 into P3 (a shared work email),
    /// P3 into P2 (the same email seen on P2's device), P2 into P1 (identified on P2's device).
    /// Returns [P1 (live), P2, P3, P4].
    /// </summary>
    private async Task<List<Guid>> BuildMergeChainAsync()
    {
        await BuildMergeChainMessagesAsync();
        var live = await ProfileOfAsync(UserId);
        var chain = (await MergeChain.FollowAsync(_store, Tenant, live, CancellationToken.None)).ToList();
        Assert.Equal(4, chain.Count);
        return chain;
    }

    private async Task<List<EventEnvelope>> BuildMergeChainMessagesAsync()
    {
        List<EventEnvelope> messages =
        [
            Identify(UserId, "a1", $$"""{"email":"{{HomeEmail}}","name":"Gina Rossi"}""", Start),
            Track("a2", Start.AddHours(1)),
            Track("a3", Start.AddHours(2)),
            Identify(null, "a4", $$"""{"email":"{{WorkEmail}}","company":"Rossi Srl"}""", Start.AddHours(3)),
            Identify(null, "a3", $$"""{"email":"{{WorkEmail}}"}""", Start.AddHours(4)),
            Identify(null, "a2", $$"""{"email":"{{WorkEmail}}"}""", Start.AddHours(5)),
            Identify(UserId, "a2", "{}", Start.AddHours(6)),
        ];
        foreach (var message in messages)
        {
            Assert.Equal(1, (await RunAsync(message)).Applied);
        }

        Assert.Equal(1, await _database.ScalarAsync("select count(*) from cdp.profiles"));
        Assert.Equal(3, await _database.ScalarAsync($"select count(*) from cdp.events where type = '{ProfileEventTypes.MergedInto}'"));
        return messages;
    }

    private async Task<Guid> ProfileOfAsync(string userId)
    {
        await using var command = _database.DataSource.CreateCommand("select profile_id from cdp.identity_links where kind = 'userId' and value = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = userId });
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every row of every table of the schema, as text.</summary>
    private async Task<string> DatabaseTextAsync()
    {
        var tables = new List<string>();
        await using (var list = _database.DataSource.CreateCommand(
            "select table_name from information_schema.tables where table_schema = 'cdp' and table_type = 'BASE TABLE' order by table_name"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = _database.DataSource.CreateCommand(
                $"select '{table}: ' || coalesce(string_agg(t::text, E'\\n' order by t::text), '') from cdp.{table} t where '{table}' <> 'schema_migrations'");
            text.AppendLine((string?)await dump.ExecuteScalarAsync());
        }

        return text.ToString();
    }

    private Task<BatchResult> RunAsync(EventEnvelope envelope) =>
        _topology.RunAsync(
            _decoder,
            [TestRecords.Of(envelope, _offset++)]);

    private static EventEnvelope Identify(string? userId, string anonymousId, string traits, DateTimeOffset at) => new()
    {
        Tenant = Tenant,
        MessageId = Guid.NewGuid().ToString(),
        Type = EventTypes.Identify,
        UserId = userId,
        AnonymousId = anonymousId,
        Traits = JsonDocument.Parse(traits).RootElement.Clone(),
        Timestamp = at,
        ReceivedAt = at,
    };

    private static EventEnvelope Track(string anonymousId, DateTimeOffset at) => new()
    {
        Tenant = Tenant,
        MessageId = Guid.NewGuid().ToString(),
        Type = EventTypes.Track,
        Event = "Product Viewed",
        AnonymousId = anonymousId,
        Properties = JsonDocument.Parse("""{"sku":"B-1"}""").RootElement.Clone(),
        Timestamp = at,
        ReceivedAt = at,
    };
}
