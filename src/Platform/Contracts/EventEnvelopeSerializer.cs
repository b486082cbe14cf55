using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Platform.Contracts;

/// <summary>
/// JSON of <see cref="EventEnvelope"/> (System.Text.Json, source-generated: no reflection).
/// Both the HTTP edge and the processors use it, so the bytes on the topic have one definition.
/// </summary>
public static class EventEnvelopeSerializer
{
    /// <summary>The UTF-8 JSON value of a record.</summary>
    public static byte[] Serialize(EventEnvelope envelope) =>
        JsonSerializer.SerializeToUtf8Bytes(envelope, EventEnvelopeJsonContext.Default.EventEnvelope);

    /// <summary>Writes the JSON value into a buffer the caller reuses.</summary>
    public static void Serialize(EventEnvelope envelope, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, envelope, EventEnvelopeJsonContext.Default.EventEnvelope);
    }

    /// <summary>
    /// Decodes a record value. Throws <see cref="JsonException"/> on malformed JSON or a missing
    /// required property (tenant, messageId, type, timestamp, receivedAt); the caller still checks
    /// the rules listed on <see cref="EventEnvelope"/>.
    /// </summary>
    public static EventEnvelope Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, EventEnvelopeJsonContext.Default.EventEnvelope)
            ?? throw new JsonException("The record value is JSON null, not an event envelope.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(RawJsonElementConverter)])]
[JsonSerializable(typeof(EventEnvelope))]
internal sealed partial class EventEnvelopeJsonContext : JsonSerializerContext;
