using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Streaming.Processors.Kafka;
using Streaming.Processors.Model;
using Streaming.Processors.Store;

namespace Streaming.Processors.Topology;

/// <summary>
/// The "store" stage: one store transaction per batch, pipelined. The graph calls
/// <see cref="RunAsync"/> for at most two batches at once, in order: batch N+1 is staged (read,
/// applied, its writes prepared, the profile cache updated as if N+1 committed) on its own
/// connection while N's writes and commit run, so the processors' CPU work and PostgreSQL's overlap.
/// Staging is strictly in order, and so are commits.
/// <para>
/// Failure handling: if N fails to commit, the cache (which holds N's uncommitted state) is
/// cleared and N reruns verified (reading and locking everything); N+1, staged on the stale cache,
/// is abandoned and reruns verified after N. A message a stage throws on, or one a PostgreSQL data
/// error is traced to (by halving the batch until one message is left), is dead-lettered and the
/// batch commits without it. A fault (connection, timeout) escapes: the stream restarts from the
/// committed offsets and the idempotent appends make the replay harmless.
/// </para>
/// </summary>
public sealed partial class BatchCommitter(StageRunner runner, ProcessorMetrics metrics, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _cacheGate = new(1, 1);
    private Task _lastStaged = Task.CompletedTask;
    private Task _lastDone = Task.CompletedTask;
    private long _epoch;
    private volatile bool _faulted;

    public void Dispose() => _cacheGate.Dispose();

    /// <summary>Must be called in batch order (the graph's ordered SelectAsync does).</summary>
    public Task<CommittedBatch> RunAsync(IReadOnlyList<DecodedRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        // Taken synchronously, so the order of the calls is the order of staging and of commits.
        var previousStaged = _lastStaged;
        var previousDone = _lastDone;
        var staged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _lastStaged = staged.Task;
        _lastDone = done.Task;
        return RunInTurnAsync(records, previousStaged, previousDone, staged, done, cancellationToken);
    }

    private async Task<CommittedBatch> RunInTurnAsync(
        IReadOnlyList<DecodedRecord> records, Task previousStaged, Task previousDone,
        TaskCompletionSource staged, TaskCompletionSource done, CancellationToken cancellationToken)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var deadLetters = new List<DeadLetter>();
        var messages = new List<InboundEvent>(records.Count);
        var origins = new Dictionary<InboundEvent, RawRecord>(records.Count, ReferenceEqualityComparer.Instance);
        foreach (var record in records)
        {
            if (record.Message is { } message)
            {
                messages.Add(message);
                origins[message] = record.Record.Raw;
            }
            else if (record.DeadLetter is { } letter)
            {
                deadLetters.Add(letter);
            }
        }

        StagedBatch? first = null;
        try
        {
            long epoch;
            await previousStaged;
            await _cacheGate.WaitAsync(cancellationToken);
            try
            {
                epoch = _epoch;
                first = messages.Count == 0 ? null : await TryStageAsync(messages, cancellationToken);
            }
            finally
            {
                _cacheGate.Release();
                staged.TrySetResult();
            }

            await previousDone;
            if (_faulted)
            {
                throw new OperationCanceledException("the batch before this one failed; the stream restarts");
            }

            BatchResult? result = null;
            if (messages.Count == 0)
            {
                result = new BatchResult([], new BatchChanges(), 0, 0, 0);
            }
            else if (first is not null && epoch == Interlocked.Read(ref _epoch))
            {
                result = await TryCommitAsync(first, cancellationToken);
            }

            if (result is null)
            {
                metrics.Reruns.Add(1);
                result = await RerunAsync(messages, origins, deadLetters, cancellationToken);
            }

            return new CommittedBatch(records, deadLetters, result, startedAt);
        }
        catch
        {
            _faulted = true;
            throw;
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }

            done.TrySetResult();
        }
    }

    /// <summary>Null when staging failed (the cache is cleared then): the batch reruns verified.</summary>
    private async Task<StagedBatch?> TryStageAsync(List<InboundEvent> messages, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.StageAsync(new DecodedBatch(messages, []), verified: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever failed is retried at once, verified, and counted there (cdp.processors.batch.reruns);
            // a failure that persists escapes from the rerun, so nothing is dropped here.
            LogFirstAttemptFailed(logger, "staging", ex.GetType().Name, ex.Message);
            return null;
        }
    }

    private async Task<BatchResult?> TryCommitAsync(StagedBatch staged, CancellationToken cancellationToken)
    {
        try
        {
            return await staged.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As for staging: the transaction rolled back, and the verified rerun (counted) writes the batch or fails the stream.
            LogFirstAttemptFailed(logger, "commit", ex.GetType().Name, ex.Message);
            return null;
        }
    }

    /// <summary>From an empty cache, verified, isolating poison messages; bumps the epoch so a batch staged meanwhile reruns too.</summary>
    private async Task<BatchResult> RerunAsync(
        List<InboundEvent> messages, Dictionary<InboundEvent, RawRecord> origins, List<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        await _cacheGate.WaitAsync(cancellationToken);
        try
        {
            runner.Cache.Clear();
            Interlocked.Increment(ref _epoch);
            return await RunIsolatingAsync(messages, origins, deadLetters, cancellationToken);
        }
        finally
        {
            _cacheGate.Release();
        }
    }

    private async Task<BatchResult> RunIsolatingAsync(
        List<InboundEvent> messages, Dictionary<InboundEvent, RawRecord> origins, List<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        while (messages.Count > 0)
        {
            try
            {
                return await runner.RunAsync(new DecodedBatch(messages, []), verifyFirst: true, cancellationToken);
            }
            catch (PoisonMessageException ex) when (ex.Poison is { } poison && origins.ContainsKey(poison))
            {
                deadLetters.Add(new DeadLetter(origins[poison], ex.Stage, ex.Message));
                LogPoison(logger, ex.Stage, poison.TenantId, poison.MessageId, ex.InnerException);
                messages = [.. messages.Where(m => !ReferenceEquals(m, poison))];
            }
            catch (Exception ex) when (StoreErrorClassifier.IsDataError(ex))
            {
                if (messages.Count == 1)
                {
                    deadLetters.Add(new DeadLetter(origins[messages[0]], "store", StoreErrorClassifier.Reason(ex)));
                    LogPoison(logger, "store", messages[0].TenantId, messages[0].MessageId, ex);
                    break;
                }

                // The error names no message: halve the batch until it is down to the one that causes it.
                var half = messages.Count / 2;
                var left = await RunIsolatingAsync(messages[..half], origins, deadLetters, cancellationToken);
                var right = await RunIsolatingAsync(messages[half..], origins, deadLetters, cancellationToken);
                return new BatchResult([], left.Changes, left.Applied + right.Applied, left.Duplicates + right.Duplicates, left.Suppressed + right.Suppressed);
            }
        }

        return new BatchResult([], new BatchChanges(), 0, 0, 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Step} failed on the first attempt ({Error}: {Reason}); rerunning verified")]
    private static partial void LogFirstAttemptFailed(ILogger logger, string step, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stage {Stage} refused message {TenantId}/{MessageId}: dead-lettered, the batch commits without it")]
    private static partial void LogPoison(ILogger logger, string stage, string tenantId, string messageId, Exception? exception);
}
