using Microsoft.Extensions.DependencyInjection;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Tests.Driver;

/// <summary>The production profile stages over a given store, without Kafka: what the logic and store tests run.</summary>
public static class TestTopology
{
    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    public static StageRunner Runner(IProfileStore store, int cacheCapacity = 1_000) =>
        new(store, new ProfileCache(cacheCapacity), ProcessorTopology.ProfileStages(NoServices));

    /// <summary>Decode, validate, stage and commit one batch, as the graph does for one partition's records.</summary>
    /// <param name="decoder">One per test, as one per process in the graph (it caches tenants and keys).</param>
    public static async Task<BatchResult> RunAsync(this StageRunner runner, RecordDecoder decoder, IReadOnlyList<RawRecord> records)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(decoder);
        var decoded = await decoder.DecodeAsync(records, CancellationToken.None);
        var result = await runner.RunAsync(decoded, verifyFirst: false, CancellationToken.None);
        return result with { DeadLetters = decoded.DeadLetters };
    }
}
