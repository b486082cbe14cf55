using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Processors.Kafka;
using Streaming.Processors.Topology.Stages;

namespace Streaming.Processors.Topology;

/// <summary>
/// The processors' graph, as the diagram in docs/processors.md draws it:
/// <code>
///  kafka-partitions ─┬─ partition sub-stream: partition-chunk ─▶ decode ─▶ validate ─┐   (one per assigned partition, in parallel)
///                    └─ ...                                                         ┴▶ batch ─▶ store ─▶ dead-letters-and-offsets
///                                                                                                │ the profile stages, in order, per message:
///                                                                                                │ resolve-identity ─▶ apply-profile
/// </code>
/// Records of one partition stay in order end to end; a batch holds whatever all partitions
/// delivered while the store was busy with the previous one (so one transaction per batch under
/// load, one per record when idle), and offsets move only after the batch's transaction commits.
/// </summary>
public static class ProcessorTopology
{
    /// <summary>The profile stages, in the order each message goes through them. A new stage is one line here.</summary>
    public static IReadOnlyList<IProfileStage> ProfileStages(IServiceProvider services) =>
    [
        ActivatorUtilities.CreateInstance<ResolveIdentityStage>(services),
        ActivatorUtilities.CreateInstance<ApplyProfileStage>(services),
    ];

    /// <summary>Batches in the store stage at once: one staged while the previous commits.</summary>
    private const int PipelinedBatches = 2;

    public static IRunnableGraph<Task<Done>> Build(
        Source<PartitionLease, NotUsed> partitions,
        RecordDecoder decoder,
        BatchCommitter store,
        OffsetCommitter offsets,
        ProcessorOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(options);
        // A partition's records travel in chunks (whatever arrived while the stage after was busy), so
        // the per-element cost of the graph is paid per chunk, not per record.
        return partitions.Named("kafka-partitions")
            .MergeMany(options.MaxAssignedPartitions, partition => partition.Records
                .Batch(options.MaxBatchSize, first => new List<ConsumedRecord> { first }, Append).Named("partition-chunk")
                .Select(RecordDecoder.Decode).Named("decode")
                .SelectAsync(1, chunk => decoder.ValidateAsync(chunk, cancellationToken)).Named("validate")
                .Async())
            .BatchWeighted(options.MaxBatchSize, chunk => chunk.Count, first => first, Append).Named("batch")
            .SelectAsync(PipelinedBatches, batch => store.RunAsync(batch, cancellationToken)).Named("store")
            .SelectAsync(1, committed => offsets.CompleteAsync(committed, cancellationToken)).Named("dead-letters-and-offsets")
            .ToMaterialized(Sink.Ignore<CommittedBatch>().Named("done"), Keep.Right);
    }

    private static List<T> Append<T>(List<T> chunk, T next)
    {
        chunk.Add(next);
        return chunk;
    }

    private static List<T> Append<T>(List<T> batch, List<T> next)
    {
        batch.AddRange(next);
        return batch;
    }
}
