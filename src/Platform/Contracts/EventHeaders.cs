namespace Streaming.Platform.Contracts;

/// <summary>
/// Header names on every <c>cdp.events</c> record (values UTF-8). The HTTP edge sets all of them;
/// a direct producer must set <see cref="WriteKey"/> and should set the rest.
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

    /// <summary>CloudEvents spec version, always <c>1.0</c>.</summary>
    public const string CeSpecVersion = "ce_specversion";

    /// <summary>CloudEvents source: who produced it (<c>/ingest/http</c>, <c>/ingest/email</c>, or the producer's own URI).</summary>
    public const string CeSource = "ce_source";

    public const string CeTypePrefix = "cdp.event.";
}
