using Streaming.Platform.Hosting;

namespace Streaming.Ingest;

/// <summary>Wiring of the HTTP edge.</summary>
public static class IngestServiceExtensions
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.AddPlatform();
        return builder;
    }

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder endpoints) => endpoints;
}
