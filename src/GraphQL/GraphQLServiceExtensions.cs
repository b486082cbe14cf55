using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Postgres;
using Streaming.GraphQL.ProductSchema;
using Streaming.GraphQL.Transport;
using Streaming.GraphQL.Types;
using Streaming.Platform.Postgres;
using Streaming.Platform.Security;
using Streaming.Projections;

namespace Streaming.GraphQL;

/// <summary>Wiring of the read API.</summary>
public static class GraphQLServiceExtensions
{
    public static IHostApplicationBuilder AddGraphQL(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEventStoreSchema();
        builder.AddApiKeySecurity();
        builder.Services.AddOptions<GraphQLOptions>().Bind(builder.Configuration.GetSection(GraphQLOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.AddGraphQLDataSource();
        builder.Services.TryAddSingleton<GraphQLDiagnostics>();
        builder.Services.AddGraphQLSchemaPart<SystemSchemaPart>();
        builder.Services.TryAddSingleton(services =>
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphQLOptions>>().Value;
            var schema = new SchemaBuilder();
            var product = new ProductSchemaBuilder(schema);
            foreach (var part in services.GetServices<IProductSchemaPart>())
            {
                part.Configure(product);
            }

            return new GraphQLExecutor(schema.Build(),
                new ExecutionLimits
                {
                    MaxDepth = options.MaxDepth,
                    MaxCost = options.MaxCost,
                    MaxDocumentBytes = options.MaxDocumentBytes,
                    MaxFields = options.MaxFields,
                    MaxAliases = options.MaxAliases,
                },
                new Language.ParserOptions { MaxTokens = options.MaxTokens },
                options.DocumentCacheSize,
                options.DocumentCacheBytes,
                services.GetRequiredService<GraphQLDiagnostics>());
        });
        return builder;
    }

    /// <summary>The resolvers' own pool (<see cref="GraphQLPostgresOptions"/>), on the connection string the other roles use.</summary>
    private static void AddGraphQLDataSource(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GraphQLPostgresOptions>().Bind(builder.Configuration.GetSection(GraphQLPostgresOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = builder.Configuration.GetConnectionString(PostgresOptions.ConnectionStringName) ?? PostgresOptions.LocalDefault;
        builder.Services.TryAddKeyedSingleton(GraphQLPostgresOptions.DataSourceKey, (services, _) =>
            GraphQLDataSource.Create(connectionString, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphQLPostgresOptions>>().Value));
    }

    /// <summary>Adds a part of the product schema (types, root fields, resolvers), built once at start.</summary>
    public static IServiceCollection AddGraphQLSchemaPart<T>(this IServiceCollection services)
        where T : class, IProductSchemaPart
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProductSchemaPart, T>());
        return services;
    }

    /// <summary>
    /// /graphql: GraphQL over HTTP (GET, POST) and graphql-transport-ws on the same path. Every
    /// request needs a secret key (401 without, 403 for a write key): in the Authorization header,
    /// or for a WebSocket in connection_init. Needs <see cref="SecurityServiceExtensions.AddApiKeySecurity"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string path = "/graphql")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints is IApplicationBuilder app)
        {
            app.UseWebSockets();
        }

        // Authenticated here rather than by the authorization middleware (see GraphQLAuthentication):
        // the transports decide, because a WebSocket may bring its key in connection_init.
        endpoints.Map(path, async context =>
        {
            var executor = context.RequestServices.GetRequiredService<GraphQLExecutor>();
            var caller = await GraphQLAuthentication.FromHeaderAsync(context);
            if (caller.Outcome == GraphQLAuthentication.Outcome.Refused)
            {
                return;
            }

            try
            {
                if (context.WebSockets.IsWebSocketRequest)
                {
                    var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphQLOptions>>().Value;
                    await WebSocketTransport.HandleAsync(context, executor, options, caller.Tenant);
                    return;
                }

                if (caller.Tenant is null)
                {
                    await context.ChallengeAsync(Platform.Security.Authentication.ApiKeyAuthenticationHandler.SchemeName);
                    return;
                }

                await HttpTransport.HandleAsync(context, executor, caller.Tenant);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                // A fault in a transport: logged and counted with an id; the client gets the id, never the message.
                await HttpTransport.WriteInternalErrorAsync(context, executor.Diagnostics.InternalError(ex, context.WebSockets.IsWebSocketRequest ? "websocket" : "http"));
            }
        }).AllowAnonymous();
        return endpoints;
    }
}
