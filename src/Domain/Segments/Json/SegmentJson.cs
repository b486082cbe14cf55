using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.Validation;

namespace Streaming.Domain.Segments.Json;

/// <summary>The JSON form of a condition (docs/segments.md describes the shape).</summary>
public static class SegmentJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads a condition strictly; throws <see cref="SegmentDefinitionException"/> naming the JSON path.</summary>
    public static SegmentCondition Parse(string json, SegmentLimits? limits = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new SegmentDefinitionException("$", $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            return Parse(document.RootElement, limits);
        }
    }

    public static SegmentCondition Parse(JsonElement element, SegmentLimits? limits = null) =>
        new SegmentJsonReader(limits ?? SegmentLimits.Default).ReadCondition(element, "$", 1);

    public static string Write(SegmentCondition condition)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            SegmentJsonWriter.Write(writer, condition);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
