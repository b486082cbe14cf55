using System.Text;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Tests.Driver;

/// <summary>Records as the edge produces them for tenant "acme": its write key in the header, a key of the tenant.</summary>
public static class TestRecords
{
    public const string WriteKey = "wk_acme_topology";

    public static IReadOnlyList<KeyValuePair<string, byte[]>> Headers(string writeKey = WriteKey) =>
        [new(EventHeaders.WriteKey, Encoding.UTF8.GetBytes(writeKey))];

    /// <summary>A record of an envelope, keyed as <see cref="EventKey"/> says.</summary>
    public static RawRecord Of(EventEnvelope envelope, long offset, int partition = 0) =>
        new(Topics.Events.Name, partition, offset, EventKey.For(envelope), EventEnvelopeSerializer.Serialize(envelope), Headers());

    /// <summary>A record of raw bytes (perhaps not an envelope at all), keyed for acme.</summary>
    public static RawRecord Raw(byte[]? value, long offset) =>
        new(Topics.Events.Name, 0, offset, Encoding.UTF8.GetBytes("acme/k"), value, Headers());
}
