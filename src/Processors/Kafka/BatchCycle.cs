using System.Threading.Channels;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Kafka;

/// <summary>
/// Runs the batches of ALL of this process's partitions together: whatever the partition workers
/// submitted while the previous cycle was committing goes into one topology run, so one
/// store transaction per cycle. The fixed costs of a transaction (round trips, lookups, commit)
/// are paid once per cycle instead of once per partition, and a record waits at most about one
/// cycle instead of one turn per partition. Each worker still owns its records: it publishes
/// its dead letters and stores its offsets only after the cycle that held them committed.
/// <para>
/// <see cref="ProcessorOptions.MaxConcurrentBatches"/> cycles run at once (default 1, so two
/// partitions of this process never conflict on a shared profile), each with its own profile cache.
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

    /// <summary>
    /// Runs a partition's records in the next cycle and returns what the cycle did with them.
    /// Cancelling only stops the wait: the cycle may still commit them, and whoever processes
    /// them again recognises them by message id.
    /// </summary>
    public async Task<BatchResult> RunAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken)
    {
        var submission = new Submission([.. records], new TaskCompletionSource<BatchResult>(TaskCreationOptions.RunContinuationsAsynchronously));
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
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token))
            {
                var taken = Take(reader);
                if (taken.Count == 0)
                {
                    continue;
                }

                if (Volatile.Read(ref _forgetCaches) > 0 && Interlocked.Decrement(ref _forgetCaches) >= 0)
                {
                    topology.Cache.Clear();
                }

                await RunCycleAsync(topology, taken);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }

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
            && (taken.Count == 0 || count + next.Records.Count <= _maxRecords)
            && reader.TryRead(out next))
        {
            taken.Add(next);
            count += next.Records.Count;
        }

        return taken;
    }

    private async Task RunCycleAsync(PartitionTopology topology, List<Submission> taken)
    {
        try
        {
            var records = taken.Count == 1 ? taken[0].Records : [.. taken.SelectMany(s => s.Records)];
            var result = await topology.RunAsync(records, _stop.Token);
            for (var i = 0; i < taken.Count; i++)
            {
                // Counts are reported once (metrics); dead letters go back to the worker that owns their record.
                var mine = taken.Count == 1 ? result.DeadLetters : [.. result.DeadLetters.Where(d => taken[i].Owns(d.Record))];
                taken[i].Done.TrySetResult(i == 0 ? result with { DeadLetters = mine } : new BatchResult(mine, result.Changes, 0, 0, 0));
            }
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

    private sealed record Submission(IReadOnlyList<RawRecord> Records, TaskCompletionSource<BatchResult> Done)
    {
        public bool Owns(RawRecord record) => record.Partition == Records[0].Partition && record.Topic == Records[0].Topic;
    }
}
