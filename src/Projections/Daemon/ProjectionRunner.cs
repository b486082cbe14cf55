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
        // A batch is a range of sequences (at most BatchSize wide, so at most BatchSize events) at or below the
        // high-water mark. Events there never change, so the next ranges are read ahead, concurrently on pooled
        // connections, while the current one applies: reading (the server turning jsonb into text) dominates
        // catch-up, and several backends use several cores. A read-ahead is used only if the checkpoint is where
        // it expected.
        var ahead = new Queue<ReadAhead>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (position, rebuild) = await ReadProgressAsync(connection, stoppingToken);
                if (ahead.Count > 0 && (rebuild || ahead.Peek().After != position))
                {
                    Forget(ahead);
                }

                if (rebuild)
                {
                    await RebuildAsync(connection, stoppingToken);
                    continue;
                }

                var mark = await highWater.GetAsync(position, stoppingToken);
                if (mark <= position)
                {
                    await wake.WaitAsync(options.PollInterval, stoppingToken);
                    continue;
                }

                var end = ahead.Count > 0 ? ahead.Last().UpTo : position;
                while (ahead.Count <= options.ReadAhead && end < mark)
                {
                    var upTo = Math.Min(end + options.BatchSize, mark);
                    ahead.Enqueue(new ReadAhead(end, upTo, FetchAsync(end, upTo, stoppingToken)));
                    end = upTo;
                }

                var batch = ahead.Dequeue();
                await ApplyBatchAsync(connection, await batch.Events, position, batch.UpTo, stoppingToken);
            }
        }
        finally
        {
            Forget(ahead);
        }
    }

    /// <summary>Drops read-aheads nobody will use; their failures must still be observed.</summary>
    private static void Forget(Queue<ReadAhead> ahead)
    {
        foreach (var unused in ahead)
        {
            unused.Events.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        ahead.Clear();
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

    /// <summary>The events of sequences (after, upTo]: at most BatchSize of them, as the range is no wider.</summary>
    private async Task<List<StoredEvent>> FetchAsync(long after, long upTo, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var filtered = projection.EventTypes is { Count: > 0 };
        await using var command = new NpgsqlCommand(
            $"select {EventStore.EventStore.EventColumns} from cdp.events where seq_id > $1 and seq_id <= $2"
            + (filtered ? " and type = any($3)" : "") + " order by seq_id",
            connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo });
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

/// <summary>A batch being read ahead: the events of sequences (After, UpTo].</summary>
internal sealed record ReadAhead(long After, long UpTo, Task<List<StoredEvent>> Events);

/// <summary>The checkpoint moved under this runner: another instance owns the projection now.</summary>
internal sealed class LostOwnershipException(string message) : Exception(message);
