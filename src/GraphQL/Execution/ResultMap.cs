namespace Streaming.GraphQL.Execution;

/// <summary>
/// A completed object in the response: values in the plan's field order, written straight to JSON.
/// A result tree (not direct writing) because a null in a non-null field must erase its parent.
/// </summary>
public sealed class ResultMap(SelectionPlan plan, object?[] values)
{
    public SelectionPlan Plan { get; } = plan;

    public object?[] Values { get; } = values;

    public object? this[string key]
    {
        get
        {
            for (var i = 0; i < Plan.Fields.Length; i++)
            {
                if (Plan.Fields[i].ResponseKey == key)
                {
                    return Values[i];
                }
            }

            throw new KeyNotFoundException(key);
        }
    }
}

/// <summary>The result of executing one request (https://spec.graphql.org/October2021/#sec-Response-Format).</summary>
public sealed class ExecutionResult
{
    public ResultMap? Data { get; init; }

    /// <summary>False when execution did not start (request errors): then "data" is absent.</summary>
    public bool HasData { get; init; }

    public IReadOnlyList<GraphQLError> Errors { get; init; } = [];

    /// <summary>The whole response, already serialized (for cached introspection results).</summary>
    public ReadOnlyMemory<byte>? Preserialized { get; init; }

    /// <summary>Why the request failed before execution; the HTTP transport maps it to a status code.</summary>
    public RequestFailure Failure { get; init; }

    public static ExecutionResult RequestError(RequestFailure failure, params GraphQLError[] errors) =>
        new() { Errors = errors, Failure = failure };
}

public enum RequestFailure
{
    None,
    Syntax,
    Validation,
    Variables,
    OperationNotFound,
    Limits,
    MutationOverGet,

    /// <summary>The document is over the size limit: refused before parsing (HTTP 413).</summary>
    DocumentTooLarge,
}
