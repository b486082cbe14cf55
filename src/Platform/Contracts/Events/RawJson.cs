using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Platform.Contracts.Events;

/// <summary>
/// A JSON value kept as the text it was serialized to (event properties, trait values): written
/// into an event as is, so a payload serialized once for the event and the timeline is never
/// parsed or rewritten again. The text must be valid JSON; it is not checked when written.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson
{
    public RawJson(string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        Json = json;
    }

    public string Json { get; }

    public override string ToString() => Json;
}

/// <summary>Writes <see cref="RawJson"/> as its text; reads any JSON value back as its text.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
