using Npgsql;
using Streaming.Projections.Daemon;
using Streaming.Projections.EventStore;
using Streaming.Projections.TestDaemon;
using Streaming.Projections.Tests.Support;
using Streaming.TestSupport;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Projections.Tests.Daemon;

public sealed class PostgresRestartTests
{
    private const string Projection = "survives-restart";
    private const int Batches = 40;
    private const int PerBatch = 100;

    [Fact]
    public async Task Projection_resumes_after_a_postgres_restart_with_nothing_skipped_or_doubled()
    {
        await using var server = await PrivatePostgresServer.StartAsync();
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        await MigratedDatabase.MigrateAsync(dataSource);
        await RecordingProjection.CreateTableAsync(dataSource);
        var store = Store.Create(dataSource);
        var admin = new ProjectionAdmin(dataSource);
        var timeout = TimeSpan.FromSeconds(90);

        await using var daemon = await RunningDaemon.StartAsync(dataSource,
            [new RecordingProjection(Projection) { SleepPerBatch = 0.02 }], RunningDaemon.FastOptions(batchSize: 100));
        var restarted = new TaskCompletionSource();
        var writer = Task.Run(async () =>
        {
            for (var b = 0; b < Batches; b++)
            {
                var batch = new StreamAppend("t1", $"s{b % 7}", ExpectedVersion.Any,
                    [.. Enumerable.Range(0, PerBatch).Select(_ => NewEvent.FromJson(Guid.NewGuid(), "x", "{}"))]);
                if (b == Batches / 2)
                {
                    await restarted.Task;
                }

                // Retry the same batch until it is known to be stored: if a commit's outcome was lost with
                // the connection, idempotency turns the retry into a no-op instead of a double.
                while (true)
                {
                    try
                    {
                        await store.AppendAsync([batch]);
                        break;
                    }
                    catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
                    {
                        await Task.Delay(100);
                    }
                }
            }
        });

        await Eventually.Until(async () => (await admin.GetStatusAsync(Projection)).Position >= 500, timeout, "progress before the restart");
        await server.RestartAsync();
        restarted.SetResult();
        await writer.WaitAsync(timeout);
        await Eventually.Until(async () =>
        {
            try
            {
                return (await admin.GetStatusAsync(Projection)).Position >= await MaxSequenceAsync(dataSource);
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, timeout, "the projection to catch up after the restart");

        Assert.Equal(Batches * PerBatch, await CountAsync(dataSource, "select count(*) from cdp.events"));
        Assert.Equal(((long)(Batches * PerBatch), (long)(Batches * PerBatch)), await Seen.CountAsync(dataSource, Projection));
        Assert.Equal((0L, 0L), await Seen.DiffAsync(dataSource, Projection));
    }

    private static Task<long> MaxSequenceAsync(NpgsqlDataSource dataSource) => CountAsync(dataSource, "select coalesce(max(seq_id), 0) from cdp.events");

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
