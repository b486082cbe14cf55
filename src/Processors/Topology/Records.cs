using Streaming.Processors.Kafka;
using Streaming.Processors.Model;

namespace Streaming.Processors.Topology;

/// <summary>A record as the consume loop hands it to its partition's sub-stream.</summary>
public sealed record ConsumedRecord(RawRecord Raw, PartitionLease Lease, int Bytes);

/// <summary>A record after decode and validate: a message for the profile stages, or a dead letter.</summary>
public sealed record DecodedRecord(ConsumedRecord Record, InboundEvent? Message, DeadLetter? DeadLetter)
{
    /// <summary>Between decode and validate: the envelope still to validate.</summary>
    public Platform.Contracts.EventEnvelope? Envelope { get; init; }
}

/// <summary>A batch whose effects are committed: its dead letters go out, then its offsets move.</summary>
/// <param name="StartedAt">When the batch entered the store stage (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</param>
public sealed record CommittedBatch(IReadOnlyList<DecodedRecord> Records, IReadOnlyList<DeadLetter> DeadLetters, BatchResult Result, long StartedAt);
