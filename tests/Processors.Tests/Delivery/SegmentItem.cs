using System.Buffers;
using System.Text.Json;
using Streaming.Platform.Contracts;

namespace Streaming.Processors.Tests.Delivery;

/// <summary>One event as a Segment HTTP API batch item (the JSON an analytics library sends), serialized once.</summary>
public sealed record SegmentItem(string MessageId, string? UserId, ReadOnlyMemory<byte> Json)
{
    public static SegmentItem From(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, envelope.Type);
            writer.WriteString("messageId"u8, envelope.MessageId);
            WriteIfSet(writer, "userId"u8, envelope.UserId);
            WriteIfSet(writer, "anonymousId"u8, envelope.AnonymousId);
            WriteIfSet(writer, "event"u8, envelope.Event);
            WriteIfSet(writer, "traits"u8, envelope.Traits);
            WriteIfSet(writer, "properties"u8, envelope.Properties);
            writer.WriteString("timestamp"u8, envelope.Timestamp);
            writer.WriteEndObject();
        }

        return new SegmentItem(envelope.MessageId, envelope.UserId, buffer.WrittenMemory.ToArray());
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement? value)
    {
        if (value is { } element)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }
}
