using System.Text;
using Streaming.Platform.Contracts;
using Streaming.Processors.Model;
using Streaming.Processors.Topology.Stages;

namespace Streaming.Processors.Topology;

/// <summary>
/// The per-partition stages before the batch: decode (the record as an <see cref="EventEnvelope"/>)
/// and validate (the contract's rules, a known tenant). A refusal is a dead letter with the stage
/// and the reason; only faults of the store (the tenant lookup) escape.
/// </summary>
public sealed class RecordDecoder(IProfileStore store)
{
    private readonly ValidateStage _validate = new(store);

    public static (EventEnvelope? Envelope, DeadLetter? DeadLetter) Decode(RawRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var envelope = DecodeStage.Decode(record, out var reason);
        return envelope is null ? (null, new DeadLetter(record, DecodeStage.Name, reason!)) : (envelope, null);
    }

    public async ValueTask<(InboundEvent? Message, DeadLetter? DeadLetter)> ValidateAsync(
        RawRecord record, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (message, invalid) = await _validate.ValidateAsync(record, envelope, cancellationToken);
        if (message is null)
        {
            return (null, new DeadLetter(record, ValidateStage.Name, invalid!));
        }

        return TraceParentOf(record) is { } trace ? (message with { TraceParent = trace }, null) : (message, null);
    }

    /// <summary>Stage "decode" over a chunk of one partition's records.</summary>
    public static List<DecodedRecord> Decode(List<ConsumedRecord> chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var decoded = new List<DecodedRecord>(chunk.Count);
        foreach (var record in chunk)
        {
            var (envelope, deadLetter) = Decode(record.Raw);
            decoded.Add(new DecodedRecord(record, null, deadLetter) { Envelope = envelope });
        }

        return decoded;
    }

    /// <summary>Stage "validate" over a decoded chunk: each envelope becomes a message or a dead letter.</summary>
    public async Task<List<DecodedRecord>> ValidateAsync(List<DecodedRecord> chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        for (var i = 0; i < chunk.Count; i++)
        {
            if (chunk[i].Envelope is { } envelope)
            {
                var (message, invalid) = await ValidateAsync(chunk[i].Record.Raw, envelope, cancellationToken);
                chunk[i] = new DecodedRecord(chunk[i].Record, message, invalid);
            }
        }

        return chunk;
    }

    /// <summary>Decodes and validates records outside the graph (the topology test driver, tests).</summary>
    public async Task<DecodedBatch> DecodeAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var valid = new List<InboundEvent>(records.Count);
        var deadLetters = new List<DeadLetter>();
        foreach (var record in records)
        {
            var (envelope, undecodable) = Decode(record);
            var (message, invalid) = envelope is null ? (null, undecodable) : await ValidateAsync(record, envelope, cancellationToken);
            if (message is not null)
            {
                valid.Add(message);
            }
            else
            {
                deadLetters.Add(invalid!);
            }
        }

        return new DecodedBatch(valid, deadLetters);
    }

    private static string? TraceParentOf(RawRecord record)
    {
        foreach (var (key, value) in record.Headers)
        {
            if (key == EventHeaders.TraceParent && value.Length is > 0 and <= 128)
            {
                return Encoding.ASCII.GetString(value);
            }
        }

        return null;
    }
}
