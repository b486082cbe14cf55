using System.Text.Json;
using Streaming.Platform.Contracts;

namespace Streaming.Processors.Topology.Stages;

/// <summary>
/// Stage "decode": the record value as the shared <see cref="EventEnvelope"/> contract.
/// Error policy: a record that is not an envelope is dead-lettered; the partition moves on.
/// </summary>
public sealed class DecodeStage
{
    public const string Name = "decode";

    public static EventEnvelope? Decode(RawRecord record, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Value is null || record.Value.Length == 0)
        {
            reason = "empty record value";
            return null;
        }

        try
        {
            reason = null;
            return EventEnvelopeSerializer.Deserialize(record.Value);
        }
        catch (JsonException ex)
        {
            reason = "not an event envelope: " + ex.Message;
            return null;
        }
    }
}
