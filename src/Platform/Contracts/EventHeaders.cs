namespace Streaming.Platform.Contracts;

/// <summary>
/// Header names on every <c>cdp.events</c> record (values UTF-8). The HTTP edge sets all four; a
/// direct producer must set <see cref="WriteKey"/> and should set the rest. Kept to four on purpose:
/// each header is a large part of the client's per-record produce cost.
/// </summary>
public static class EventHeaders
{
    /// <summary>The tenant's write key; consumers check it belongs to <see cref="EventEnvelope.Tenant"/>.</summary>
    public const string WriteKey = "cdp_write_key";

    /// <summary>W3C trace context of the request that produced the record (<c>00-{trace}-{span}-{flags}</c>).</summary>
    public const string TraceParent = "traceparent";

    /// <summary>CloudEvents id: equal to <see cref="EventEnvelope.MessageId"/>.</summary>
    public const string CeId = "ce_id";

    /// <summary>CloudEvents type: <see cref="CeTypePrefix"/> + <see cref="EventEnvelope.Type"/>, e.g. <c>cdp.event.track</c>.</summary>
    public const string CeType = "ce_type";

    public const string CeTypePrefix = "cdp.event.";
}
