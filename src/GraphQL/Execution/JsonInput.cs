using System.Text.Json;

namespace Streaming.GraphQL.Execution;

/// <summary>JSON request values (variables, extensions) as plain objects: dictionaries, lists, long/double, strings.</summary>
public static class JsonInput
{
    public static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToDictionary(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (l is >= int.MinValue and <= int.MaxValue ? (int)l : l) : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static Dictionary<string, object?> ToDictionary(JsonElement element)
    {
        var result = new Dictionary<string, object?>();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ToObject(property.Value);
        }

        return result;
    }
}
