using System.Text.Json;
using Streaming.Platform.Contracts;

namespace Streaming.Ingest.Tracking;

/// <summary>
/// The events of one request, validated, and the JSON documents their raw parts point into
/// (kept alive until the envelopes are serialized, then disposed with this object).
/// </summary>
internal sealed class ParsedRequest : IDisposable
{
    private List<JsonDocument>? _merged;

    public ParsedRequest(JsonDocument document) => Document = document;

    public JsonDocument Document { get; }

    /// <summary>The request-level fields: writeKey, and a batch's context, integrations and sentAt.</summary>
    public EventParser.Outer Outer { get; set; }

    /// <summary>The <c>writeKey</c> field of the body, when the client authenticates that way.</summary>
    public string? WriteKey => Outer.WriteKey;

    public List<EventEnvelope> Events { get; } = [];

    /// <summary>Keeps a document built while parsing (a merged context) alive as long as the request.</summary>
    public JsonElement Own(JsonDocument document)
    {
        (_merged ??= []).Add(document);
        return document.RootElement;
    }

    public void Dispose()
    {
        Document.Dispose();
        if (_merged is not null)
        {
            foreach (var document in _merged)
            {
                document.Dispose();
            }
        }
    }
}
