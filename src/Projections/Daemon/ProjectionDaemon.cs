using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Streaming.Projections.EventStore;

namespace Streaming.Projections.Daemon;

/// <summary>
/// The asynchronous projection daemon: one runner per registered <see cref="IProjection"/> (each
/// running in one process at a time, by advisory lock), a shared gap-safe <see cref="HighWaterMark"/>,
/// and a LISTEN on <see cref="EventStore.EventStore.EventsChannel"/> that wakes the runners, with
/// polling as the fallback.
/// </summary>
public sealed partial class ProjectionDaemon : BackgroundService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ProjectionDaemonOptions _options;
    private readonly ILogger _logger;
    private readonly WakeSignal _wake = new();
    private readonly List<ProjectionRunner> _runners;

    public ProjectionDaemon(
        NpgsqlDataSource dataSource,
        IEnumerable<IProjection> projections,
        IOptions<ProjectionDaemonOptions> options,
        ILogger<ProjectionDaemon>? logger = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(projections);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        HighWater = new HighWaterMark(dataSource, _options, time ?? TimeProvider.System, _logger);
        var list = projections.ToList();
        var duplicate = list.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two projections are named '{duplicate.Key}'.");
        }

        _runners = [.. list.Select(p => new ProjectionRunner(p, dataSource, HighWater, _wake, _options, _logger))];
    }

    public HighWaterMark HighWater { get; }

    /// <summary>The names of the projections this instance runs right now (holds the lock of).</summary>
    public IReadOnlyList<string> Owned => [.. _runners.Where(r => r.IsOwner).Select(r => r.Name)];

    public override void Dispose()
    {
        HighWater.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled || _runners.Count == 0)
        {
            return;
        }

        var tasks = _runners.Select(r => Task.Run(() => r.RunAsync(stoppingToken), stoppingToken)).ToList();
        tasks.Add(ListenAsync(stoppingToken));
        await Task.WhenAll(tasks);
    }

    /// <summary>Wakes the runners on each append NOTIFY; reconnects after a lost connection.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => _wake.Set();
                await using (var listen = new NpgsqlCommand($"listen {EventStore.EventStore.EventsChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _wake.Set(); // anything appended while we were not listening
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Listening is only a wake-up; polling covers any failure of it, so it never stops the daemon.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogListenLost(_logger, ex.Message);
                await Task.Delay(_options.ReconnectDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daemon lost its LISTEN connection ({Reason}); polling until it reconnects")]
    private static partial void LogListenLost(ILogger logger, string reason);
}
