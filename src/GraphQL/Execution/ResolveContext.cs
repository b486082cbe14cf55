using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Execution;

/// <summary>What a resolver gets: the parent value, the coerced arguments, and the request.</summary>
public readonly struct ResolveContext
{
    internal ResolveContext(ExecutionContext execution, ObjectType parentType, object? source, FieldPlan field,
        IReadOnlyDictionary<string, object?> arguments, ResponsePath? parentPath)
    {
        Execution = execution;
        ParentType = parentType;
        Source = source;
        Plan = field;
        Arguments = arguments;
        _parentPath = parentPath;
    }

    private readonly ResponsePath? _parentPath;

    public object? Source { get; }

    public IReadOnlyDictionary<string, object?> Arguments { get; }

    public ObjectType ParentType { get; }

    /// <summary>Where this field is in the response (built on demand: most resolvers never ask).</summary>
    public ResponsePath Path => new(_parentPath, Plan.ResponseKey);

    public FieldDefinition Field => Plan.Definition;

    public FieldNode FieldNode => Plan.Nodes[0];

    public Schema Schema => Execution.Schema;

    public IServiceProvider Services => Execution.Services;

    public CancellationToken CancellationToken => Execution.CancellationToken;

    /// <summary>The caller's tenant and scopes (null outside an authenticated request); product resolvers get it as an argument instead.</summary>
    public Platform.Security.TenantScope? Tenant => Execution.Tenant;

    /// <summary>Per-request state shared by resolvers (the tenant, the user, DataLoaders).</summary>
    public IDictionary<string, object?> Items => Execution.Items;

    internal ExecutionContext Execution { get; }

    internal FieldPlan Plan { get; }

    public T? Argument<T>(string name) => Arguments.TryGetValue(name, out var value) && value is not null ? (T)value : default;

    /// <summary>The request's loader of this kind, created on first use, so its batches span the whole request.</summary>
    public DataLoader<TKey, TValue> Loader<TKey, TValue>(string name, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> batch)
        where TKey : notnull => Execution.Loader(name, batch);
}
