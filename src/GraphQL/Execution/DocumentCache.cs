using System.Collections.Concurrent;
using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Execution;

/// <summary>A parsed and validated document, with its operations' plans, shared by every request with the same text.</summary>
internal sealed class CachedDocument
{
    public DocumentNode? Document { get; init; }

    /// <summary>Syntax or validation errors: a document with errors is never executed (nor cached).</summary>
    public IReadOnlyList<GraphQLError> Errors { get; init; } = [];

    public RequestFailure Failure { get; init; }

    /// <summary>Whether @skip/@include read variables (then selection plans are built per request).</summary>
    public bool HasVariableDirectives { get; init; }

    public ConcurrentDictionary<string, OperationPlan> Operations { get; } = new();

    /// <summary>What the entry keeps alive, in bytes (see <see cref="DocumentCache"/>); changed only under the cache's lock.</summary>
    internal long Weight { get; set; }

    /// <summary>Whether the entry is in the cache: what an evicted entry grows by is not counted.</summary>
    internal bool Cached { get; set; }
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

/// <summary>
/// Valid documents by query text, bounded in entries and in bytes; the oldest entries go first when
/// either bound is reached. A document with errors is not kept: a client sending a stream of
/// distinct broken documents must not push out the ones that work. An entry's weight is the query
/// text (two bytes a character) plus what was allocated while parsing it and building its plans, an
/// upper bound of what it keeps alive, plus a cached response; an entry heavier than the whole
/// budget is used once and not kept.
/// </summary>
internal sealed class DocumentCache(int maxEntries, long maxBytes)
{
    private readonly ConcurrentDictionary<string, CachedDocument> _documents = new(StringComparer.Ordinal);
    private readonly Queue<(string Query, CachedDocument Document)> _order = new();
    private readonly Lock _gate = new();
    private long _bytes;

    public int Count => _documents.Count;

    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public long MaxBytes => maxBytes;

    /// <summary>The cached document for the text, or a new one built (and kept when it has no errors).</summary>
    public CachedDocument GetOrAdd(string query, Func<string, CachedDocument> build)
    {
        if (_documents.TryGetValue(query, out var cached))
        {
            return cached;
        }

        var built = build(query);
        if (built.Errors.Count > 0)
        {
            return built;
        }

        built.Weight += 2L * query.Length;
        lock (_gate)
        {
            if (_documents.TryGetValue(query, out cached))
            {
                return cached;
            }

            if (built.Weight > maxBytes)
            {
                return built;
            }

            _documents[query] = built;
            _order.Enqueue((query, built));
            built.Cached = true;
            _bytes += built.Weight;
            Trim();
        }

        return built;
    }

    /// <summary>Counts what a document keeps after it was cached (operation plans, a serialized response).</summary>
    public void Grow(CachedDocument document, long bytes)
    {
        lock (_gate)
        {
            document.Weight += bytes;
            if (document.Cached)
            {
                _bytes += bytes;
                Trim();
            }
        }
    }

    private void Trim()
    {
        while (_order.Count > 0 && (_bytes > maxBytes || _order.Count > maxEntries))
        {
            var (query, document) = _order.Dequeue();
            _documents.TryRemove(new KeyValuePair<string, CachedDocument>(query, document));
            document.Cached = false;
            _bytes -= document.Weight;
        }
    }
}
