using System.Text.Json;

namespace Streaming.Domain.Segments;

/// <summary>Dot-separated paths into JSON objects (<c>address.city</c>); names compare ordinally.</summary>
public static class JsonPaths
{
    public static bool TryResolve(JsonElement root, string path, out JsonElement value)
    {
        value = root;
        foreach (var name in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                value = default;
                return false;
            }
        }
        return true;
    }
}
