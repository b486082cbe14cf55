using Streaming.Projections;

namespace Streaming.Processors;

/// <summary>Wiring of the stream-processing role.</summary>
public static class ProcessorsServiceExtensions
{
    public static IHostApplicationBuilder AddProcessors(this IHostApplicationBuilder builder)
    {
        builder.AddEventStoreSchema();
        return builder;
    }
}
