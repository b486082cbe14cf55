using System.Text.Json;

namespace Streaming.Domain.Costs.Calls;

/// <summary>
/// Reads one logical field that may arrive under several names (ours and OpenTelemetry's), checking its
/// type and that the names present agree; every error names the JSON path of the name that was sent.
/// </summary>
internal sealed class FieldReader(JsonElement obj, string path)
{
    public bool TryGet(IReadOnlyList<string> names, out JsonElement value, out string valuePath)
    {
        var found = Present(names);
        if (found.Count == 0)
        {
            value = default;
            valuePath = PathOf(names);
            return false;
        }
        (valuePath, value) = found[0];
        return true;
    }

    public string PathOf(IReadOnlyList<string> names)
    {
        var found = Present(names);
        return found.Count > 0 ? found[0].Path : $"{path}.{names[0]}";
    }

    public string? String(IReadOnlyList<string> names) => Read(names, (e, p) =>
        e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s)
            ? s
            : throw new LlmCallException(p, $"must be a non-empty string, found {LlmCallJson.Describe(e)}"));

    public long? Count(IReadOnlyList<string> names) => Read<long?>(names, (e, p) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new LlmCallException(p, $"must be a non-negative integer, found {LlmCallJson.Describe(e)}"));

    public double? Number(IReadOnlyList<string> names) => Read<double?>(names, (e, p) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var n) && double.IsFinite(n)
            ? n
            : throw new LlmCallException(p, $"must be a number, found {LlmCallJson.Describe(e)}"));

    public double? Duration(IReadOnlyList<string> names) => Read<double?>(names, (e, p) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var n) && double.IsFinite(n) && n >= 0
            ? n
            : throw new LlmCallException(p, $"must be a non-negative number of milliseconds, found {LlmCallJson.Describe(e)}"));

    public bool? Boolean(IReadOnlyList<string> names) => Read<bool?>(names, (e, p) =>
        e.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? e.GetBoolean()
            : throw new LlmCallException(p, $"must be a boolean, found {LlmCallJson.Describe(e)}"));

    private T? Read<T>(IReadOnlyList<string> names, Func<JsonElement, string, T> read)
    {
        var found = Present(names);
        if (found.Count == 0)
        {
            return default;
        }
        var first = read(found[0].Value, found[0].Path);
        foreach (var (otherPath, otherValue) in found.Skip(1))
        {
            if (!EqualityComparer<T>.Default.Equals(first, read(otherValue, otherPath)))
            {
                throw new LlmCallException(otherPath, $"disagrees with {found[0].Path}");
            }
        }
        return first;
    }

    private List<(string Path, JsonElement Value)> Present(IReadOnlyList<string> names)
    {
        var found = new List<(string, JsonElement)>(1);
        foreach (var name in names)
        {
            if (obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                found.Add(($"{path}.{name}", value));
            }
        }
        return found;
    }
}
