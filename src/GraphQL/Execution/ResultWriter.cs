using System.Buffers;
using System.Collections;
using System.Text.Json;
using Streaming.GraphQL.Language;

namespace Streaming.GraphQL.Execution;

/// <summary>Writes a response (https://spec.graphql.org/October2021/#sec-Response-Format) straight to UTF-8 JSON.</summary>
public static class ResultWriter
{
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText ErrorsKey = JsonEncodedText.Encode("errors");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Locations = JsonEncodedText.Encode("locations");
    private static readonly JsonEncodedText PathKey = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText Extensions = JsonEncodedText.Encode("extensions");
    private static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");

    public static void Write(Utf8JsonWriter writer, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        if (result.Errors.Count > 0)
        {
            writer.WritePropertyName(ErrorsKey);
            WriteErrors(writer, result.Errors);
        }

        if (result.HasData)
        {
            writer.WritePropertyName(Data);
            if (result.Data is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                WriteValue(writer, result.Data);
            }
        }

        writer.WriteEndObject();
    }

    public static byte[] ToBytes(ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Preserialized is { } bytes)
        {
            return bytes.ToArray();
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, result);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteErrors(Utf8JsonWriter writer, IReadOnlyList<GraphQLError> errors)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(errors);
        writer.WriteStartArray();
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString(Message, error.Message);
            if (error.Locations.Count > 0)
            {
                writer.WritePropertyName(Locations);
                writer.WriteStartArray();
                foreach (SourceLocation location in error.Locations)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber(Line, location.Line);
                    writer.WriteNumber(Column, location.Column);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (error.Path is not null)
            {
                writer.WritePropertyName(PathKey);
                writer.WriteStartArray();
                foreach (var segment in error.Path)
                {
                    if (segment is int index)
                    {
                        writer.WriteNumberValue(index);
                    }
                    else
                    {
                        writer.WriteStringValue(segment.ToString());
                    }
                }

                writer.WriteEndArray();
            }

            if (error.Extensions is { Count: > 0 })
            {
                writer.WritePropertyName(Extensions);
                WriteValue(writer, error.Extensions);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case ResultMap map:
                writer.WriteStartObject();
                var fields = map.Plan.Fields;
                var values = map.Values;
                for (var i = 0; i < fields.Length; i++)
                {
                    writer.WritePropertyName(fields[i].EncodedKey);
                    WriteValue(writer, values[i]);
                }

                writer.WriteEndObject();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IEnumerable<KeyValuePair<string, object?>> dictionary:
                writer.WriteStartObject();
                foreach (var (key, item) in dictionary)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable enumerable:
                writer.WriteStartArray();
                foreach (var item in enumerable)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType());
                break;
        }
    }
}
