using System.Diagnostics;
using Npgsql;
using Streaming.Projections.Daemon;
using Streaming.Projections.EventStore;
using Streaming.Projections.TestDaemon;
using Streaming.Projections.Tests.Support;
using Streaming.TestSupport;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Projections.Tests.Daemon;

public sealed class DaemonKillTests : IAsyncLifetime
{
    private const string Projection = "survives-kill";
    private const string ChildName = "cdp-test-daemon";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly MigratedDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await RecordingProjection.CreateTableAsync(_db.DataSource);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Daemon_killed_mid_batch_resumes_after_restart_with_nothing_skipped_or_doubled()
    {
        var store = Store.Create(_db.DataSource);
        for (var i = 0; i < 10; i++)
        {
            await store.AppendAsync([.. Enumerable.Range(0, 20).Select(s => new StreamAppend("t1", $"s{s}", ExpectedVersion.Any,
                [.. Enumerable.Range(0, 100).Select(_ => NewEvent.FromJson(Guid.NewGuid(), "x", "{}"))]))]);
        }

        var admin = new ProjectionAdmin(_db.DataSource);
        using (var first = StartChild())
        {
            try
            {
                await Eventually.Until(async () => (await admin.GetStatusAsync(Projection)).Position >= 2_000, Timeout, "the child to make progress");
                // Each batch sleeps inside its transaction after writing its rows: wait until one is open, then SIGKILL.
                await Eventually.Until(ChildInTransactionAsync, Timeout, "the child to be inside a batch transaction");
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }
            finally
            {
                StopChild(first);
            }
        }

        var atKill = (await admin.GetStatusAsync(Projection)).Position;
        Assert.InRange(atKill, 2_000, 19_999);
        var (rowsAtKill, _) = await Seen.CountAsync(_db.DataSource, Projection);
        Assert.Equal(atKill, rowsAtKill); // the half-done batch left nothing behind

        using var second = StartChild();
        try
        {
            await store.AppendAsync("t1", "after-restart", ExpectedVersion.Any, [NewEvent.FromJson(Guid.NewGuid(), "x", "{}")]);
            await Seen.CaughtUpAsync(_db.DataSource, Projection, Timeout);
        }
        finally
        {
            StopChild(second);
        }

        Assert.Equal((20_001L, 20_001L), await Seen.CountAsync(_db.DataSource, Projection));
        Assert.Equal((0L, 0L), await Seen.DiffAsync(_db.DataSource, Projection));
    }

    private async Task<bool> ChildInTransactionAsync()
    {
        await using var command = _db.DataSource.CreateCommand(
            "select count(*) from pg_stat_activity where application_name = $1 and datname = current_database() and xact_start is not null and query like '%pg_sleep%'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ChildName });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private Process StartChild()
    {
        var connection = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { ApplicationName = ChildName }.ConnectionString;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Streaming.Projections.TestDaemon.dll"), connection, Projection, "200", "0.05" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void StopChild(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}
