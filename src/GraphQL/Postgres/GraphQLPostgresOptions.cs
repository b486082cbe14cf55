using System.ComponentModel.DataAnnotations;

namespace Streaming.GraphQL.Postgres;

/// <summary>
/// The resolvers' own PostgreSQL pool (section "GraphQL:Postgres", GraphQL__Postgres__MaxPoolSize): the
/// same database as the other roles, but a pool of its own, so queries and subscriptions waiting for
/// connections never take one from the processors or the projection daemon.
/// </summary>
public sealed class GraphQLPostgresOptions
{
    public const string Section = "GraphQL:Postgres";

    /// <summary>The key of the resolvers' <see cref="Npgsql.NpgsqlDataSource"/> among the keyed services.</summary>
    public const string DataSourceKey = "graphql";

    [Range(1, 1000)]
    public int MaxPoolSize { get; set; } = 10;

    /// <summary>Seconds a resolver waits for a free connection before its field fails (Npgsql's Timeout).</summary>
    [Range(1, 600)]
    public int ConnectionTimeoutSeconds { get; set; } = 15;

    /// <summary>Seconds one resolver's command may run (Npgsql's Command Timeout).</summary>
    [Range(1, 3600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
