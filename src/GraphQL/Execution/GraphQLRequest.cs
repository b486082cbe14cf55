namespace Streaming.GraphQL.Execution;

/// <summary>A request as the transports receive it (https://graphql.github.io/graphql-over-http/draft/#sec-Request-Parameters).</summary>
public sealed record GraphQLRequest(
    string Query,
    string? OperationName = null,
    IReadOnlyDictionary<string, object?>? Variables = null,
    IReadOnlyDictionary<string, object?>? Extensions = null);

/// <summary>Per-call settings from the transport.</summary>
public sealed record ExecuteOptions
{
    public static ExecuteOptions Default { get; } = new();

    /// <summary>GET may only run queries (https://graphql.github.io/graphql-over-http/draft/#sec-GET).</summary>
    public bool QueriesOnly { get; init; }

    public IServiceProvider? Services { get; init; }

    /// <summary>The caller's tenant and scopes (from its secret key); resolvers of the product schema refuse to run without it.</summary>
    public Platform.Security.TenantScope? Tenant { get; init; }

    public object? RootValue { get; init; }
}
