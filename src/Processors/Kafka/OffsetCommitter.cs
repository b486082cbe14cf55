using System.Diagnostics;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Kafka;

/// <summary>
/// The graph's last stage: once a batch's effects are committed, its dead letters are produced
/// (awaited, so a poison record is never lost between the two topics) and then each partition's
/// offset is stored for the client to commit.
/// </summary>
public sealed class OffsetCommitter(DeadLetterPublisher deadLetters, ProcessorMetrics metrics, IReadOnlyList<string> profileStages)
{
    public async Task<CommittedBatch> CompleteAsync(CommittedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await deadLetters.PublishAsync(batch.DeadLetters, cancellationToken);
        var last = new Dictionary<PartitionLease, long>(ReferenceEqualityComparer.Instance);
        foreach (var record in batch.Records)
        {
            last[record.Record.Lease] = record.Record.Raw.Offset;
        }

        foreach (var (lease, offset) in last)
        {
            lease.Store(offset);
        }

        metrics.BatchDuration.Record(Stopwatch.GetElapsedTime(batch.StartedAt).TotalMilliseconds);
        metrics.BatchSize.Record(batch.Records.Count);
        metrics.Applied.Add(batch.Result.Applied);
        metrics.Duplicates.Add(batch.Result.Duplicates);
        var refusedByDecode = 0;
        foreach (var letter in batch.DeadLetters)
        {
            metrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("stage", letter.Stage));
            refusedByDecode += letter.Stage == Topology.Stages.DecodeStage.Name ? 1 : 0;
        }

        metrics.StageEvents.Add(batch.Records.Count, new KeyValuePair<string, object?>("stage", Topology.Stages.DecodeStage.Name));
        metrics.StageEvents.Add(batch.Records.Count - refusedByDecode, new KeyValuePair<string, object?>("stage", Topology.Stages.ValidateStage.Name));
        foreach (var stage in profileStages)
        {
            metrics.StageEvents.Add(batch.Result.Applied, new KeyValuePair<string, object?>("stage", stage));
        }

        return batch;
    }
}
