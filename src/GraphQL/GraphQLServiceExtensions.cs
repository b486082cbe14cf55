using Streaming.Projections;

namespace Streaming.GraphQL;

/// <summary>Wiring of the read API.</summary>
public static class GraphQLServiceExtensions
{
    public static IHostApplicationBuilder AddGraphQL(this IHostApplicationBuilder builder)
    {
        builder.AddEventStoreSchema();
        return builder;
    }

    public static IEndpointRouteBuilder MapGraphQL(this IEndpointRouteBuilder endpoints) => endpoints;
}
