using Microsoft.Extensions.Logging;
using Npgsql;
using Streaming.Projections.EventStore;

namespace Streaming.Projections.Daemon;

internal sealed partial class ProjectionRunner
{
    /// <summary>
    /// Applies a batch and moves the checkpoint to <paramref name="upTo"/> in one transaction. If the
    /// projection throws, the batch is rolled back and replayed event by event (a savepoint each), so one
    /// bad event goes to the dead-letter table and the rest still apply.
    /// </summary>
    private async Task ApplyBatchAsync(NpgsqlConnection connection, List<StoredEvent> events, long from, long upTo, CancellationToken cancellationToken)
    {
        if (events.Count > 0)
        {
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var context = new ProjectionContext(projection.Name, connection, transaction);
                await projection.ApplyAsync(events, context, cancellationToken);
                await CommitAsync(connection, transaction, context, from, upTo, cancellationToken);
                return;
            }
            catch (Exception ex) when (IsProjectionFault(ex, connection, cancellationToken))
            {
                LogBatchFailed(logger, projection.Name, events[0].Sequence, events[^1].Sequence, ex.Message);
            }
        }

        await ApplyOneByOneAsync(connection, events, from, upTo, cancellationToken);
    }

    private async Task ApplyOneByOneAsync(NpgsqlConnection connection, List<StoredEvent> events, long from, long upTo, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var context = new ProjectionContext(projection.Name, connection, transaction);
        foreach (var e in events)
        {
            Exception? failure = null;
            for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
            {
                await transaction.SaveAsync("projection_event", cancellationToken);
                try
                {
                    await projection.ApplyAsync([e], context, cancellationToken);
                    await transaction.ReleaseAsync("projection_event", cancellationToken);
                    failure = null;
                    break;
                }
                catch (Exception ex) when (IsProjectionFault(ex, connection, cancellationToken))
                {
                    await transaction.RollbackAsync("projection_event", cancellationToken);
                    failure = ex;
                    await Task.Delay(options.RetryDelay * attempt, cancellationToken);
                }
            }

            if (failure is not null)
            {
                await DeadLetterAsync(connection, transaction, e, failure, cancellationToken);
                LogDeadLettered(logger, projection.Name, e.Sequence, e.Type, failure.Message);
            }
        }

        await CommitAsync(connection, transaction, context, from, upTo, cancellationToken);
    }

    /// <summary>A failure of the projection's own logic, as opposed to the database or the connection going away.</summary>
    private static bool IsProjectionFault(Exception ex, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && connection.FullState == System.Data.ConnectionState.Open
        && ex is not (OperationCanceledException or LostOwnershipException or IOException or TimeoutException)
        && ex is not NpgsqlException { IsTransient: true };

    private async Task CommitAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ProjectionContext context, long from, long upTo, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        // The batch need not wait for its WAL flush: a crash can lose only whole batches (read model and
        // checkpoint together), which the daemon then replays, so nothing is skipped or doubled.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("set local synchronous_commit = off"));
        // Compare-and-set on the checkpoint: if another instance moved it, this batch must not commit.
        var move = new NpgsqlBatchCommand("update cdp.projection_progress set position = $3, updated_at = now() where name = $1 and position = $2");
        move.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection.Name });
        move.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
        move.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo });
        batch.BatchCommands.Add(move);
        var payloads = ReadModelChanges.Payloads(context);
        if (payloads.Count > 0)
        {
            // NOTIFY is transactional: listeners hear of the change only once it is committed.
            var notify = new NpgsqlBatchCommand($"select pg_notify('{ReadModelChanges.Channel}', p) from unnest($1::text[]) p");
            notify.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. payloads] });
            batch.BatchCommands.Add(notify);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (move.RecordsAffected != 1)
        {
            throw new LostOwnershipException($"The checkpoint of {projection.Name} is no longer at {from}.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task DeadLetterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoredEvent e, Exception failure, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into cdp.projection_dead_letters (projection, seq_id, event_id, tenant_id, stream_id, type, attempts, error)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (projection, seq_id) do update set attempts = excluded.attempts, error = excluded.error, failed_at = now()
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection.Name });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Sequence });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.TenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.StreamId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Type });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.MaxAttempts });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failure.GetType().Name + ": " + failure.Message });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} failed on batch {From}..{To} ({Reason}); retrying event by event")]
    private static partial void LogBatchFailed(ILogger logger, string projection, long from, long to, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} dead-lettered event {Sequence} ({Type}): {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string projection, long sequence, string type, string reason);
}
