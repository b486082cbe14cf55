using System.Globalization;
using System.Text.Json;

namespace Streaming.Domain.Costs.Calls;

/// <summary>
/// The strict reader of a call from the <c>properties</c> of an <see cref="LlmCallEvent.Name"/> track event
/// (or the body of a dedicated endpoint), under our field names or the OpenTelemetry GenAI attribute
/// names (<see cref="LlmCallFields"/>). A known field of the wrong type or out of range throws
/// <see cref="LlmCallException"/> naming its path, so a bad call is refused at ingest rather than
/// costed wrong. Fields it does not know are left alone: they are ordinary event properties. A JSON
/// <c>null</c> counts as absent.
/// </summary>
public static class LlmCallJson
{
    private const string Statuses = "ok, error, cancelled, timeout";

    public static LlmCall Parse(string json, string id, DateTimeOffset occurredAt, string path = "properties")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new LlmCallException(path, $"is not valid JSON ({e.Message})");
        }
        using (document)
        {
            return Parse(document.RootElement, id, occurredAt, path);
        }
    }

    public static LlmCall Parse(JsonElement properties, string id, DateTimeOffset occurredAt, string path = "properties")
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (properties.ValueKind != JsonValueKind.Object)
        {
            throw new LlmCallException(path, $"must be an object, found {Describe(properties)}");
        }
        var reader = new FieldReader(properties, path);
        var model = reader.String(LlmCallFields.Model);
        var responseModel = reader.String(LlmCallFields.ResponseModel);
        if (model is null && responseModel is null)
        {
            throw new LlmCallException($"{path}.model", "missing (send model or gen_ai.request.model)");
        }
        var tokens = new TokenUsage(
            reader.Count(LlmCallFields.InputTokens) ?? throw Missing(path, LlmCallFields.InputTokens),
            reader.Count(LlmCallFields.OutputTokens) ?? throw Missing(path, LlmCallFields.OutputTokens),
            reader.Count(LlmCallFields.CacheReadTokens) ?? 0,
            reader.Count(LlmCallFields.CacheWriteTokens) ?? 0);
        if (tokens.UncachedInputTokens < 0)
        {
            throw new LlmCallException(reader.PathOf(LlmCallFields.InputTokens),
                $"must be at least cache_read_tokens + cache_write_tokens ({tokens.CacheReadTokens + tokens.CacheWriteTokens}), found {tokens.InputTokens} (input tokens include cached tokens)");
        }
        var quality = reader.Number(LlmCallFields.QualityScore);
        if (quality is < 0 or > 1)
        {
            throw new LlmCallException(reader.PathOf(LlmCallFields.QualityScore), $"must be a number between 0 and 1, found {quality.Value.ToString(CultureInfo.InvariantCulture)}");
        }
        return new LlmCall
        {
            Id = id,
            OccurredAt = occurredAt.ToUniversalTime(),
            Provider = reader.String(LlmCallFields.Provider) ?? throw Missing(path, LlmCallFields.Provider),
            Model = model ?? responseModel!,
            ResponseModel = responseModel,
            Operation = reader.String(LlmCallFields.Operation),
            Complexity = reader.String(LlmCallFields.Complexity),
            Tokens = tokens,
            LatencyMs = reader.Duration(LlmCallFields.LatencyMs),
            TimeToFirstTokenMs = reader.Duration(LlmCallFields.TimeToFirstTokenMs),
            Status = ReadStatus(reader),
            TaskId = reader.String(LlmCallFields.TaskId),
            Feature = reader.String(LlmCallFields.Feature),
            UserId = reader.String(LlmCallFields.UserId),
            QualityScore = quality,
            Feedback = ReadFeedback(reader),
        };
    }

    private static LlmCallStatus ReadStatus(FieldReader reader)
    {
        var status = reader.String(LlmCallFields.Status);
        return status switch
        {
            null or "ok" => LlmCallStatus.Ok,
            "error" => LlmCallStatus.Error,
            "cancelled" => LlmCallStatus.Cancelled,
            "timeout" => LlmCallStatus.Timeout,
            _ => throw new LlmCallException(reader.PathOf(LlmCallFields.Status), $"must be one of {Statuses}, found \"{status}\""),
        };
    }

    private static LlmFeedback? ReadFeedback(FieldReader reader)
    {
        if (!reader.TryGet(LlmCallFields.Feedback, out var element, out var path))
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new LlmCallException(path, $"must be an object, found {Describe(element)}");
        }
        var inner = new FieldReader(element, path);
        var rating = inner.Count(["rating"]);
        if (rating is < 1 or > 5)
        {
            throw new LlmCallException($"{path}.rating", $"must be an integer between 1 and 5, found {rating}");
        }
        var edits = inner.Count(["edits"]);
        if (edits > int.MaxValue)
        {
            throw new LlmCallException($"{path}.edits", $"must be at most {int.MaxValue}, found {edits}");
        }
        return new LlmFeedback((int?)rating, inner.Boolean(["approved"]), (int?)edits);
    }

    private static LlmCallException Missing(string path, IReadOnlyList<string> names) =>
        new($"{path}.{names[0]}", names.Count == 1
            ? "missing"
            : $"missing (send {string.Join(" or ", names)})");

    internal static string Describe(JsonElement element)
    {
        var text = element.ValueKind == JsonValueKind.Object ? "an object"
            : element.ValueKind == JsonValueKind.Array ? "an array"
            : element.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
