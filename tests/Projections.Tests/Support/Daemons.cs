using Microsoft.Extensions.Options;
using Npgsql;
using Streaming.Projections.Daemon;

namespace Streaming.Projections.Tests.Support;

/// <summary>A started daemon over some projections, with short test-friendly intervals; stops on dispose.</summary>
public sealed class RunningDaemon : IAsyncDisposable
{
    private RunningDaemon(ProjectionDaemon daemon) => Daemon = daemon;

    public ProjectionDaemon Daemon { get; }

    public static ProjectionDaemonOptions FastOptions(int batchSize = 500) => new()
    {
        BatchSize = batchSize,
        PollInterval = TimeSpan.FromMilliseconds(200),
        ReconnectDelay = TimeSpan.FromMilliseconds(200),
        LockRetryInterval = TimeSpan.FromMilliseconds(200),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    public static async Task<RunningDaemon> StartAsync(NpgsqlDataSource dataSource, IProjection[] projections, ProjectionDaemonOptions? options = null)
    {
        var daemon = new ProjectionDaemon(dataSource, projections, Options.Create(options ?? FastOptions()));
        await daemon.StartAsync(CancellationToken.None);
        return new RunningDaemon(daemon);
    }

    public async ValueTask DisposeAsync()
    {
        await Daemon.StopAsync(CancellationToken.None);
        Daemon.Dispose();
    }
}
