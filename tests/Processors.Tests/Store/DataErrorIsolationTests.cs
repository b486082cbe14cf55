using Streaming.Processors.Migrations;
using Streaming.Projections.EventStore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Processors.Store;
using Streaming.Processors.Tests.Driver;
using Streaming.Processors.Topology.Stages;
using Streaming.TestSupport;
using EventStore = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Processors.Tests.Store;

/// <summary>
/// A PostgreSQL data error names no message: the store stage halves the batch until it finds the one
/// that causes it, dead-letters it and commits the rest. The error comes from a stage's own write kind,
/// which is also how a new stage adds writes without touching the store.
/// </summary>
public sealed class DataErrorIsolationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(TestSchema.Migrations);
        await using var tenant = _database.DataSource.CreateCommand(TestSchema.SeedAcme);
        await tenant.ExecuteNonQueryAsync();
        await using var table = _database.DataSource.CreateCommand("create table test_stage_writes (message_id text primary key)");
        await table.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_message_whose_write_the_database_refuses_is_dead_lettered_and_the_other_messages_commit()
    {
        var store = new PostgresProfileStore(_database.DataSource, new EventStoreSink(EventStore.Create(_database.DataSource)), [new MarkerWriter()]);
        using var rig = new CommitterRig(store, [new ResolveIdentityStage(), new ApplyProfileStage(), new MarkerStage()]);
        var envelopes = Enumerable.Range(0, 9).Select(i => TrackEnvelope.Of($"u{i}", $"a{i}", i == 6 ? "Refused" : "Product Viewed")).ToArray();
        var batch = await rig.DecodeAsync(envelopes);

        var committed = await rig.Committer.RunAsync(batch, CancellationToken.None);

        var letter = Assert.Single(committed.DeadLetters);
        Assert.Equal("store", letter.Stage);
        Assert.Contains("22012", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(batch[6].Record.Raw.Offset, letter.Record.Offset);
        Assert.Equal(8, committed.Result.Applied);
        Assert.Equal(8, await _database.ScalarAsync("select count(*) from test_stage_writes"));
        Assert.Equal(8, await _database.ScalarAsync("select count(*) from cdp.profiles"));
        Assert.Equal(0, await _database.ScalarAsync($"select count(*) from cdp.profile_timeline where message_id = '{envelopes[6].MessageId}'"));
    }

    private sealed record Marker(string MessageId, bool Refused) : IStageWrite;

    private sealed class MarkerStage : IProfileStage
    {
        public string Name => "marker";

        public StageReads Reads => StageReads.None;

        public StageEmits Emits => StageEmits.StageWrites;

        public void Apply(StageContext context) =>
            context.Emit(new Marker(context.Message.MessageId, context.Message.Name == "Refused"));
    }

    /// <summary>Refuses what the database would refuse of a malformed value: here a division by zero (SQLSTATE 22012).</summary>
    private sealed class MarkerWriter : IStageWriteHandler
    {
        public Type WriteType => typeof(Marker);

        public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<IStageWrite> writes, CancellationToken cancellationToken)
        {
            foreach (var marker in writes.Cast<Marker>())
            {
                await using var command = new NpgsqlCommand("insert into test_stage_writes values ($1 || (1 / $2)::text)", connection, transaction);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = marker.MessageId });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = marker.Refused ? 0 : 1 });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
