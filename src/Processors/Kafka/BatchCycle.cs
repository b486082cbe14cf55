using System.Threading.Channels;
using Streaming.Processors.Model;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Kafka;

/// <summary>
/// Runs the batches of ALL of this process's partitions together: whatever the partition workers
/// submitted while the previous cycle was busy goes into one topology run, so one store
/// transaction per cycle. The fixed costs of a transaction (round trips, lookups, commit) are
/// paid once per cycle instead of once per partition. Each worker still owns its records: it
/// publishes its dead letters and stores its offsets only after the cycle that held them committed.
/// <para>
/// Cycles are pipelined: cycle N+1 is staged (read, applied, its writes prepared, on its own
/// connection) while cycle N's writes and commit run, so the processors' CPU work and
/// PostgreSQL's overlap. N+1 is applied on top of N's state as the cache holds it; commits stay
/// strictly in order. If N fails to commit, N+1 is abandoned and both rerun in order, verified
/// (reading and locking everything), before anything else runs.
/// </para>
/// <para>
/// <see cref="ProcessorOptions.MaxConcurrentBatches"/> such pipelines run at once (default 1, so
/// two partitions of this process never conflict on a shared profile), each with its own profile cache.
/// </para>
/// </summary>
internal sealed class BatchCycle : IDisposable
{
    private readonly Channel<Submission> _submissions = Channel.CreateUnbounded<Submission>();
    private readonly CancellationTokenSource _stop = new();
    private readonly PartitionTopology[] _topologies;
    private readonly int _maxRecords;
    private readonly Task[] _loops;
    private int _forgetCaches;

    public BatchCycle(IProfileStore store, ProcessorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxRecords = options.MaxBatchSize;
        _topologies = [.. Enumerable.Range(0, options.MaxConcurrentBatches)
            .Select(_ => new PartitionTopology(store, new ProfileCache(options.ProfileCacheCapacity)))];
        _loops = [.. _topologies.Select(t => Task.Run(() => RunAsync(t)))];
    }

    /// <summary>Decode and validate, on the caller's thread (partition workers do it in parallel, off the cycle).</summary>
    public Task<DecodedBatch> DecodeAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken) =>
        _topologies[0].DecodeAsync(records, cancellationToken);

    /// <summary>
    /// Applies a partition's messages in the next cycle and returns what the cycle did with them.
    /// Cancelling only stops the wait: the cycle may still commit them, and whoever processes
    /// them again recognises them by message id.
    /// </summary>
    public async Task<BatchResult> RunAsync(IReadOnlyList<InboundEvent> messages, CancellationToken cancellationToken)
    {
        var submission = new Submission([.. messages], new TaskCompletionSource<BatchResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_submissions.Writer.TryWrite(submission))
        {
            throw new OperationCanceledException("The batch cycle has stopped.");
        }

        return await submission.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>A partition was revoked: the caches are dropped before the next cycle (they are checked by version anyway).</summary>
    public void ForgetCachedState() => Interlocked.Exchange(ref _forgetCaches, _topologies.Length);

    public void Stop()
    {
        if (!_submissions.Writer.TryComplete())
        {
            return;
        }

        _stop.Cancel();
        Task.WaitAll(_loops, TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private async Task RunAsync(PartitionTopology topology)
    {
        var reader = _submissions.Reader;
        Committing? committing = null;
        try
        {
            while (true)
            {
                var more = reader.WaitToReadAsync(_stop.Token).AsTask();
                if (committing is not null && await Task.WhenAny(more, committing.Done) == committing.Done)
                {
                    await SettleAsync(topology, committing);
                    committing = null;
                }

                if (!await more)
                {
                    break;
                }

                var taken = Take(reader);
                if (Volatile.Read(ref _forgetCaches) > 0 && Interlocked.Decrement(ref _forgetCaches) >= 0)
                {
                    topology.Cache.Clear();
                }

                var batch = new DecodedBatch(taken.Count == 1 ? taken[0].Messages : [.. taken.SelectMany(s => s.Messages)], []);
                var staged = await TryStageAsync(topology, batch);
                if (committing is not null)
                {
                    if (!await committing.Done && staged is not null)
                    {
                        // Staged on top of a cycle that did not commit: abandoned, rerun after it.
                        await staged.DisposeAsync();
                        staged = null;
                    }

                    await SettleAsync(topology, committing);
                    committing = null;
                }

                if (staged is null)
                {
                    await RunVerifiedAsync(topology, taken, batch);
                    continue;
                }

                committing = new Committing(taken, batch, CommitAsync(staged, taken));
            }

            if (committing is not null)
            {
                await SettleAsync(topology, committing);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }

        committing?.Cancel();
        while (reader.TryRead(out var left))
        {
            left.Done.TrySetCanceled();
        }
    }

    /// <summary>Whole submissions, in arrival order, until the cycle holds about <see cref="ProcessorOptions.MaxBatchSize"/> records.</summary>
    private List<Submission> Take(ChannelReader<Submission> reader)
    {
        var taken = new List<Submission>();
        var count = 0;
        while (reader.TryPeek(out var next)
            && (taken.Count == 0 || count + next.Messages.Count <= _maxRecords)
            && reader.TryRead(out next))
        {
            taken.Add(next);
            count += next.Messages.Count;
        }

        return taken;
    }

    /// <summary>Null when staging failed (the cache is cleared then): the cycle reruns verified.</summary>
    private async Task<StagedBatch?> TryStageAsync(PartitionTopology topology, DecodedBatch batch)
    {
        try
        {
            return await topology.StageAsync(batch, verified: false, _stop.Token);
        }
        catch (Exception) when (!_stop.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>True when committed (the submissions are completed); false leaves them to <see cref="SettleAsync"/>.</summary>
    private async Task<bool> CommitAsync(StagedBatch staged, List<Submission> taken)
    {
        try
        {
            Complete(taken, await staged.CommitAsync(_stop.Token));
            return true;
        }
        catch (Exception) when (!_stop.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A cycle whose commit failed reruns now, verified, from an empty cache (it may hold that cycle's state).</summary>
    private async Task SettleAsync(PartitionTopology topology, Committing committing)
    {
        if (!await committing.Done)
        {
            topology.Cache.Clear();
            await RunVerifiedAsync(topology, committing.Taken, committing.Batch);
        }
    }

    private async Task RunVerifiedAsync(PartitionTopology topology, List<Submission> taken, DecodedBatch batch)
    {
        try
        {
            Complete(taken, await topology.RunAsync(batch, verifyFirst: true, _stop.Token));
        }
        catch (Exception ex)
        {
            // Every worker of the cycle applies its own error policy (transient: retry with backoff, offsets stay).
            foreach (var submission in taken)
            {
                submission.Done.TrySetException(ex);
            }
        }
    }

    private static void Complete(List<Submission> taken, BatchResult result)
    {
        // Counts are reported once (metrics).
        for (var i = 0; i < taken.Count; i++)
        {
            taken[i].Done.TrySetResult(i == 0 ? result : new BatchResult([], result.Changes, 0, 0, 0));
        }
    }

    private sealed record Submission(IReadOnlyList<InboundEvent> Messages, TaskCompletionSource<BatchResult> Done);

    /// <summary>A cycle whose commit is running while the next one is staged.</summary>
    private sealed record Committing(List<Submission> Taken, DecodedBatch Batch, Task<bool> Done)
    {
        public void Cancel()
        {
            foreach (var submission in Taken)
            {
                submission.Done.TrySetCanceled();
            }
        }
    }
}
