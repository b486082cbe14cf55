using System.Text.Json;
using Streaming.Platform.Contracts;
using Streaming.Platform.Contracts.Limits;

namespace Streaming.Processors.Topology.Stages;

/// <summary>
/// Stage "decode": the record value as the shared <see cref="EventEnvelope"/> contract. The
/// value's bytes are checked against <see cref="JsonTextRules"/> first (the edge does the same
/// for HTTP), so a lone surrogate, a <c>\u0000</c>, a number PostgreSQL cannot hold or a
/// duplicate key is refused here with its path instead of failing a later stage or the store.
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
            if (JsonTextRules.Check(record.Value) is { } violation)
            {
                reason = violation.ToString();
                return null;
            }

            reason = null;
            return EventEnvelopeSerializer.Deserialize(record.Value);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            // Whatever the deserializer cannot read is a record that is not an envelope: nothing else runs here.
            reason = "not an event envelope: " + ex.Message;
            return null;
        }
    }
}
