using System.Text;
using System.Text.Json;
using Streaming.Platform.Contracts;

namespace Streaming.Ingest.Tests.Contracts;

/// <summary>The Kafka contract direct producers follow: JSON field names, key format, round trip.</summary>
public sealed class EventEnvelopeContractTests
{
    [Fact]
    public void The_envelope_serializes_with_segment_field_names_and_omits_absent_fields()
    {
        using var properties = JsonDocument.Parse("""{"total":1}""");
        var envelope = new EventEnvelope
        {
            Tenant = "acme",
            MessageId = "m-1",
            Type = EventTypes.Track,
            UserId = "u-1",
            Event = "Order Completed",
            Properties = properties.RootElement,
            Timestamp = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ReceivedAt = new DateTimeOffset(2030, 1, 1, 0, 0, 1, TimeSpan.Zero),
        };

        var json = Encoding.UTF8.GetString(EventEnvelopeSerializer.Serialize(envelope));

        Assert.Equal(
            """{"v":1,"tenant":"acme","messageId":"m-1","type":"track","userId":"u-1","event":"Order Completed","properties":{"total":1},"timestamp":"2030-01-01T00:00:00+00:00","receivedAt":"2030-01-01T00:00:01+00:00"}""",
            json);
        var decoded = EventEnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(json));
        Assert.Equal(envelope.MessageId, decoded.MessageId);
        Assert.Equal(envelope.Timestamp, decoded.Timestamp);
        Assert.Equal(1, decoded.Properties!.Value.GetProperty("total").GetInt32());
    }

    [Fact]
    public void A_record_without_required_fields_does_not_decode()
    {
        Assert.Throws<JsonException>(() => EventEnvelopeSerializer.Deserialize("""{"v":1,"tenant":"acme","type":"track"}"""u8));
        Assert.Throws<JsonException>(() => EventEnvelopeSerializer.Deserialize("not json"u8));
    }

    [Theory]
    [InlineData("u-1", "a-1", "acme/u/u-1")]
    [InlineData(null, "a-1", "acme/a/a-1")]
    [InlineData("", "a-1", "acme/a/a-1")]
    public void The_key_is_the_tenant_and_the_user_id_or_else_the_anonymous_id(string? userId, string anonymousId, string expected) =>
        Assert.Equal(expected, EventKey.For("acme", userId, anonymousId));

    [Fact]
    public void An_event_without_any_id_has_no_key() =>
        Assert.Throws<ArgumentException>(() => EventKey.For("acme", null, null));
}
