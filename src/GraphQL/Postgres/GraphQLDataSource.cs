using Npgsql;

namespace Streaming.GraphQL.Postgres;

/// <summary>Builds the resolvers' own <see cref="NpgsqlDataSource"/> (a keyed service, <see cref="GraphQLPostgresOptions.DataSourceKey"/>).</summary>
public static class GraphQLDataSource
{
    public const string ApplicationName = "streaming-graphql";

    public static NpgsqlDataSource Create(string connectionString, GraphQLPostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = options.MaxPoolSize,
            Timeout = options.ConnectionTimeoutSeconds,
            CommandTimeout = options.CommandTimeoutSeconds,
        };
        if (builder.MinPoolSize > builder.MaxPoolSize)
        {
            builder.MinPoolSize = builder.MaxPoolSize;
        }

        // Seen in pg_stat_activity, so an operator tells the API's connections from the processors'.
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = ApplicationName;
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
