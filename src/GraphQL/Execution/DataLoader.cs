namespace Streaming.GraphQL.Execution;

internal interface IDataLoader
{
    /// <summary>Starts the queued batch, if any; null when nothing waits.</summary>
    Task? DispatchIfPending();
}

/// <summary>
/// Batches and caches loads by key within one request (the DataLoader pattern): resolvers call
/// <see cref="LoadAsync"/>; the executor sends all keys queued while it was busy as one batch.
/// </summary>
public sealed class DataLoader<TKey, TValue> : IDataLoader
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _batch;
    private readonly ExecutionContext _execution;
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, Task<TValue?>> _cache = [];
    private Dictionary<TKey, TaskCompletionSource<TValue?>>? _pending;

    internal DataLoader(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> batch, ExecutionContext execution)
    {
        _batch = batch;
        _execution = execution;
    }

    /// <summary>The value for a key (default when the batch did not return it).</summary>
    public Task<TValue?> LoadAsync(TKey key)
    {
        bool first;
        Task<TValue?> task;
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var cached))
            {
                return cached;
            }

            first = _pending is null;
            _pending ??= [];
            var source = new TaskCompletionSource<TValue?>();
            _pending[key] = source;
            task = _cache[key] = source.Task;
        }

        if (first)
        {
            _execution.SignalWork();
        }

        return task;
    }

    Task? IDataLoader.DispatchIfPending()
    {
        Dictionary<TKey, TaskCompletionSource<TValue?>>? batch;
        lock (_gate)
        {
            batch = _pending;
            _pending = null;
        }

        return batch is null ? null : RunBatch(batch);
    }

    private async Task RunBatch(Dictionary<TKey, TaskCompletionSource<TValue?>> batch)
    {
        try
        {
            var values = await _batch([.. batch.Keys], _execution.CancellationToken);
            foreach (var (key, source) in batch)
            {
                source.TrySetResult(values.TryGetValue(key, out var value) ? value : default);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Each waiting field reports the batch's failure as its own error.
            foreach (var source in batch.Values)
            {
                source.TrySetException(ex);
            }
        }
    }
}
