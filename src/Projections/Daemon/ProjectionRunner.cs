using Microsoft.Extensions.Logging;
using Npgsql;
using Streaming.Projections.EventStore;

namespace Streaming.Projections.Daemon;

/// <summary>
/// Runs one projection in this process while it holds the projection's advisory lock (on the same
/// connection its batches use, so a lost connection means a lost lock and an aborted batch, never a
/// batch applied by two instances). Batches: <c>ProjectionRunner.Batch.cs</c>.
/// </summary>
internal sealed partial class ProjectionRunner(
    IProjection projection,
    NpgsqlDataSource dataSource,
    HighWaterMark highWater,
    WakeSignal wake,
    ProjectionDaemonOptions options,
    ILogger logger)
{
    // Two-key advisory locks (class, hash of name) stay clear of single-bigint locks such as the migrator's.
    private const int LockClass = 0x5CD9;

    public string Name => projection.Name;

    /// <summary>Set while this instance owns the projection (for tests and health).</summary>
    public bool IsOwner { get; private set; }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryLockAsync(connection, stoppingToken))
                {
                    await connection.CloseAsync();
                    await Task.Delay(options.LockRetryInterval, stoppingToken);
                    continue;
                }

                IsOwner = true;
                LogOwned(logger, projection.Name);
                await EnsureProgressRowAsync(connection, stoppingToken);
                await ProcessWhileOwnedAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or LostOwnershipException)
            {
                // The connection (and with it the lock) is gone or the checkpoint moved under us: start over.
                IsOwner = false;
                LogConnectionLost(logger, projection.Name, ex.Message);
                await Task.Delay(options.ReconnectDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
#pragma warning disable CA1031 // The runner must outlive any failure: the batch rolled back, so nothing is lost by starting over.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                IsOwner = false;
                LogRunnerFailed(logger, projection.Name, ex);
                await Task.Delay(options.ReconnectDelay * 4, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                IsOwner = false;
            }
        }
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1, hashtext($2))", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection.Name });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task EnsureProgressRowAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("insert into cdp.projection_progress (name) values ($1) on conflict do nothing", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection.Name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ProcessWhileOwnedAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        // The next batch is read on a pooled connection while this one applies (events at or below the
        // mark never change, so reading ahead is safe); it is used only if the checkpoint is where it expected.
        Task<List<StoredEvent>>? ahead = null;
        var (aheadAfter, aheadUpTo) = (-1L, -1L);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (position, rebuild) = await ReadProgressAsync(connection, stoppingToken);
                if (rebuild)
                {
                    ahead = null;
                    await RebuildAsync(connection, stoppingToken);
                    continue;
                }

                var mark = await highWater.GetAsync(position, stoppingToken);
                if (mark <= position)
                {
                    await wake.WaitAsync(options.PollInterval, stoppingToken);
                    continue;
                }

                var (events, limit) = ahead is not null && aheadAfter == position
                    ? (await ahead, aheadUpTo)
                    : (await FetchAsync(position, mark, stoppingToken), mark);
                ahead = null;
                var upTo = events.Count == options.BatchSize ? events[^1].Sequence : limit;
                if (upTo < mark)
                {
                    (aheadAfter, aheadUpTo) = (upTo, mark);
                    ahead = FetchAsync(upTo, mark, stoppingToken);
                }

                await ApplyBatchAsync(connection, events, position, upTo, stoppingToken);
            }
        }
        finally
        {
            // A read-ahead nobody will use must still be observed.
            ahead?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private async Task<(long Position, bool Rebuild)> ReadProgressAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select position, rebuild_requested from cdp.projection_progress where name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection.Name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), reader.GetBoolean(1))
            : throw new LostOwnershipException($"The checkpoint row of {projection.Name} disappeared.");
    }

    private async Task<List<StoredEvent>> FetchAsync(long after, long upTo, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var filtered = projection.EventTypes is { Count: > 0 };
        await using var command = new NpgsqlCommand(
            $"select {EventStore.EventStore.EventColumns} from cdp.events where seq_id > $1 and seq_id <= $2"
            + (filtered ? " and type = any($4)" : "") + " order by seq_id limit $3",
            connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.BatchSize });
        if (filtered)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. projection.EventTypes!] });
        }

        return await EventStore.EventStore.ReadEventsAsync(command, EventStoreOptions.DefaultJson, cancellationToken);
    }

    private async Task RebuildAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await projection.ResetAsync(new ProjectionContext(projection.Name, connection, transaction), cancellationToken);
        await using var command = new NpgsqlCommand("""
            update cdp.projection_progress set position = 0, rebuild_requested = false, rebuilds = rebuilds + 1, updated_at = now()
            where name = $1
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection.Name });
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRebuilt(logger, projection.Name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection} runs in this process")]
    private static partial void LogOwned(ILogger logger, string projection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} lost its connection or ownership ({Reason}); reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, string projection, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} stopped on an unexpected error; its batch rolled back, starting over")]
    private static partial void LogRunnerFailed(ILogger logger, string projection, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection} reset for a rebuild from sequence 0")]
    private static partial void LogRebuilt(ILogger logger, string projection);
}

/// <summary>The checkpoint moved under this runner: another instance owns the projection now.</summary>
internal sealed class LostOwnershipException(string message) : Exception(message);
