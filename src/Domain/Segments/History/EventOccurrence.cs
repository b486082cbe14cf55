using System.Text.Json;

namespace Streaming.Domain.Segments.History;

/// <summary>
/// One event as the history sees it. Filter paths resolve against <see cref="Properties"/>, except
/// paths that start with <c>context.</c>, which resolve against <see cref="Context"/> (page,
/// campaign, device, ...). Either element may be left default (no fields).
/// </summary>
public sealed record EventOccurrence(string Name, DateTimeOffset Timestamp, JsonElement Properties = default, JsonElement Context = default)
{
    private const string ContextPrefix = "context.";

    public bool TryGetField(string path, out JsonElement value) =>
        path.StartsWith(ContextPrefix, StringComparison.Ordinal)
            ? JsonPaths.TryResolve(Context, path[ContextPrefix.Length..], out value)
            : JsonPaths.TryResolve(Properties, path, out value);
}
