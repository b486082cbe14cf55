using System.Collections.Concurrent;
using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Execution;

/// <summary>A parsed and validated document, with its operations' plans, shared by every request with the same text.</summary>
internal sealed class CachedDocument
{
    public DocumentNode? Document { get; init; }

    /// <summary>Syntax or validation errors: a document with errors is never executed.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; init; } = [];

    public RequestFailure Failure { get; init; }

    /// <summary>Whether @skip/@include read variables (then selection plans are built per request).</summary>
    public bool HasVariableDirectives { get; init; }

    public ConcurrentDictionary<string, OperationPlan> Operations { get; } = new();
}

/// <summary>One operation of a cached document: its root plan (when static) and, for pure introspection, its response.</summary>
internal sealed class OperationPlan(OperationDefinitionNode operation)
{
    public OperationDefinitionNode Operation { get; } = operation;

    public SelectionPlan? StaticRoot { get; set; }

    /// <summary>Selects only __schema/__type/__typename and uses no variables: the result never changes.</summary>
    public bool IntrospectionOnly { get; init; }

    public byte[]? CachedResponse { get; set; }

    /// <summary>An operation without variables passed the depth and cost limits once: its cost cannot change.</summary>
    public bool WithinLimits { get; set; }
}

/// <summary>Documents by query text, bounded: when full it starts over rather than grow without limit.</summary>
internal sealed class DocumentCache(int capacity)
{
    private readonly ConcurrentDictionary<string, CachedDocument> _documents = new(StringComparer.Ordinal);

    public int Count => _documents.Count;

    public CachedDocument GetOrAdd(string query, Func<string, CachedDocument> build)
    {
        if (_documents.TryGetValue(query, out var cached))
        {
            return cached;
        }

        if (_documents.Count >= capacity)
        {
            _documents.Clear();
        }

        return _documents.GetOrAdd(query, build);
    }
}
