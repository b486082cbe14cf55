using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Execution;

/// <summary>The state of one operation's execution: variables, errors, DataLoaders.</summary>
internal sealed class ExecutionContext
{
    private readonly Lock _gate = new();
    private List<GraphQLError>? _errors;
    private Dictionary<string, IDataLoader>? _loaders;
    private TaskCompletionSource? _work;

    public ExecutionContext(Schema schema, FieldCollector collector, IReadOnlyDictionary<string, object?> variables,
        object? rootValue, IServiceProvider services, CancellationToken cancellationToken)
    {
        Schema = schema;
        Collector = collector;
        Variables = variables;
        RootValue = rootValue;
        Services = services;
        CancellationToken = cancellationToken;
    }

    public Schema Schema { get; }

    public FieldCollector Collector { get; }

    public Source Source => Collector.Source;

    public IReadOnlyDictionary<string, object?> Variables { get; }

    public object? RootValue { get; }

    public IServiceProvider Services { get; }

    /// <summary>The caller's tenant and scopes; null only for engine-level callers (tests, tools) that run no product schema.</summary>
    public Platform.Security.TenantScope? Tenant { get; init; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Where unexpected resolver exceptions are logged (the client sees only their id).</summary>
    public GraphQLDiagnostics Diagnostics { get; init; } = GraphQLDiagnostics.None;

    private Dictionary<string, object?>? _items;

    public IDictionary<string, object?> Items => _items ??= [];

    public IReadOnlyList<GraphQLError> Errors => _errors ?? (IReadOnlyList<GraphQLError>)[];

    public void AddError(GraphQLError error)
    {
        lock (_gate)
        {
            (_errors ??= []).Add(error);
        }
    }

    public void AddError(string message, FieldPlan field, ResponsePath path, IReadOnlyDictionary<string, object?>? extensions = null) =>
        AddError(new GraphQLError(message, [.. field.Nodes.Select(n => Source.GetLocation(n.Location.Start))], path.ToList(), extensions));

    public DataLoader<TKey, TValue> Loader<TKey, TValue>(string name, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> batch)
        where TKey : notnull
    {
        lock (_gate)
        {
            _loaders ??= [];
            if (!_loaders.TryGetValue(name, out var loader))
            {
                _loaders[name] = loader = new DataLoader<TKey, TValue>(batch, this);
            }

            return (DataLoader<TKey, TValue>)loader;
        }
    }

    /// <summary>Called by a loader when a batch gets its first key: wakes <see cref="RunAsync"/>.</summary>
    public void SignalWork()
    {
        lock (_gate)
        {
            _work?.TrySetResult();
        }
    }

    /// <summary>
    /// Drives an execution to the end: while it waits, dispatches the DataLoader batches its resolvers queued,
    /// so keys requested anywhere in one level of the tree go out in one batch.
    /// </summary>
    public async ValueTask<T> RunAsync<T>(ValueTask<T> execution)
    {
        if (execution.IsCompleted)
        {
            return execution.Result;
        }

        var task = execution.AsTask();
        while (!task.IsCompleted)
        {
            Task? batch = null;
            Task wait;
            lock (_gate)
            {
                if (_loaders is not null)
                {
                    foreach (var loader in _loaders.Values)
                    {
                        batch = loader.DispatchIfPending();
                        if (batch is not null)
                        {
                            break;
                        }
                    }
                }

                _work = batch is null ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
                wait = batch ?? _work!.Task;
            }

            if (batch is not null)
            {
                await batch;
                continue;
            }

            await Task.WhenAny(task, wait);
            await Task.Yield();
        }

        return await task;
    }
}
