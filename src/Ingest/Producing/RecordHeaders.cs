using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Streaming.Platform.Contracts;

namespace Streaming.Ingest.Producing;

/// <summary>The headers of <see cref="EventHeaders"/> for one record; constant values are encoded once.</summary>
internal static class RecordHeaders
{
    private static readonly Dictionary<string, byte[]> CeTypes = EventTypes.All.ToDictionary(
        t => t, t => Encoding.UTF8.GetBytes(EventHeaders.CeTypePrefix + t), StringComparer.Ordinal);

    public static Headers For(EventEnvelope envelope, byte[] writeKey, byte[] traceParent) =>
    [
        new Header(EventHeaders.WriteKey, writeKey),
        new Header(EventHeaders.TraceParent, traceParent),
        new Header(EventHeaders.CeId, Encoding.UTF8.GetBytes(envelope.MessageId)),
        new Header(EventHeaders.CeType, CeTypes[envelope.Type]),
    ];

    /// <summary>
    /// The W3C traceparent of the current request: its activity when tracing is on, the caller's
    /// header when it sent a valid one, otherwise a fresh trace, so every record can be followed.
    /// </summary>
    public static byte[] TraceParent(HttpContext context)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            return Encoding.ASCII.GetBytes(id);
        }

        var incoming = context.Request.Headers.TraceParent;
        if (incoming.Count == 1 && ActivityContext.TryParse(incoming[0], null, out var parent))
        {
            return Encoding.ASCII.GetBytes($"00-{parent.TraceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-{(parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}");
        }

        return Encoding.ASCII.GetBytes($"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-00");
    }
}
