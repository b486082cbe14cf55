using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Streaming.GraphQL.Transport;

/// <summary>
/// Reads a JSON request body of at most a given size without holding more than that: a declared
/// Content-Length over the limit is refused before anything is read, and a body without one (chunked)
/// is refused as soon as what has arrived exceeds the limit (RFC 9110 §15.5.14, 413 Content Too Large).
/// </summary>
internal static class RequestBody
{
    public readonly record struct Outcome(JsonDocument? Document, int Status, string? Error);

    public static async Task<Outcome> ReadJsonAsync(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        // Kestrel enforces the same bound below us (and says 413 itself if we are not the first to read).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        var reader = context.Request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted);
                var buffer = read.Buffer;
                if (buffer.Length > maxBytes)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return TooLarge(maxBytes);
                }

                if (read.IsCompleted)
                {
                    try
                    {
                        return new Outcome(Parse(buffer), 0, null);
                    }
                    catch (JsonException)
                    {
                        return new Outcome(null, StatusCodes.Status400BadRequest, "The body is not valid JSON.");
                    }
                    finally
                    {
                        reader.AdvanceTo(buffer.End);
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }
    }

    /// <summary>
    /// A document that owns a copy of the bytes (ParseValue copies; JsonDocument.Parse of a sequence would
    /// point into pipe memory that the server reuses for other requests once the body is consumed).
    /// </summary>
    private static JsonDocument Parse(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions());
        var document = JsonDocument.ParseValue(ref reader);
        if (reader.Read())
        {
            document.Dispose();
            throw new JsonException("Content after the JSON value.");
        }

        return document;
    }

    private static Outcome TooLarge(long maxBytes) =>
        new(null, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {maxBytes} bytes, the maximum.");
}
