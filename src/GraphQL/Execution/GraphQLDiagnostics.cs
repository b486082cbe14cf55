using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Streaming.GraphQL.Execution;

/// <summary>
/// The read API's logs and instruments (meter <c>Streaming.GraphQL</c>). An unexpected exception (a
/// resolver's, a transport's) is logged in full with a fresh id, counted, and the client sees only
/// <see cref="ClientMessage"/>: exception messages carry SQL, connection strings and internal names.
/// </summary>
public sealed partial class GraphQLDiagnostics
{
    public const string MeterName = "Streaming.GraphQL";

    /// <summary>The error code of an internal error in the GraphQL error's extensions.</summary>
    public const string InternalErrorCode = "INTERNAL_SERVER_ERROR";

    private readonly ILogger _logger;
    private readonly Counter<long> _internalErrors;
    private readonly Counter<long> _rejected;

    public GraphQLDiagnostics(ILogger<GraphQLDiagnostics> logger, IMeterFactory meters)
        : this(logger, (meters ?? throw new ArgumentNullException(nameof(meters))).Create(MeterName))
    {
    }

    private GraphQLDiagnostics(ILogger logger, Meter meter)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _internalErrors = meter.CreateCounter<long>("cdp.graphql.errors.internal", "{error}", "Unexpected exceptions, by where they happened (resolver, subscription, http, websocket).");
        _rejected = meter.CreateCounter<long>("cdp.graphql.requests.rejected", "{request}", "Requests and messages refused by a resource limit, by limit.");
    }

    /// <summary>No logs; instruments on a meter of its own (for an executor built without a host).</summary>
    public static GraphQLDiagnostics None { get; } = new(NullLogger.Instance, new Meter(MeterName));

    /// <summary>Logs and counts an unexpected exception; returns the id the client is given.</summary>
    public string InternalError(Exception exception, string where)
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        _internalErrors.Add(1, new KeyValuePair<string, object?>("where", where));
        LogInternalError(exception, where, id);
        return id;
    }

    /// <summary>The GraphQL error a client gets for an internal error.</summary>
    public static string ClientMessage(string id) => $"Internal error (id {id})";

    public static IReadOnlyDictionary<string, object?> ClientExtensions(string id) =>
        new Dictionary<string, object?> { ["code"] = InternalErrorCode, ["errorId"] = id };

    /// <summary>Counts a request or message refused by a limit (document_bytes, request_bytes, fields, ...).</summary>
    public void Rejected(string limit) => _rejected.Add(1, new KeyValuePair<string, object?>("limit", limit));

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected GraphQL {Where} error, id {ErrorId}")]
    private partial void LogInternalError(Exception exception, string where, string errorId);
}
