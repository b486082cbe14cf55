using System.Text.Json;

namespace Streaming.Projections.EventStore;

/// <summary>An event as stored: its place in the global log and in its stream, its data as JSON, its metadata.</summary>
public sealed record StoredEvent(
    long Sequence,
    Guid Id,
    string TenantId,
    string StreamId,
    long Version,
    string Type,
    string Json,
    EventMetadata Metadata)
{
    /// <summary>The data deserialized as <typeparamref name="T"/> (web defaults: camelCase).</summary>
    public T As<T>(JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<T>(Json, options ?? EventStoreOptions.DefaultJson)
        ?? throw new JsonException($"Event {Id} ({Type}) has null data.");

    /// <summary>The data deserialized as the CLR type the map names for <see cref="Type"/>, or null if unmapped.</summary>
    public object? Deserialize(EventTypeMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.TryGetType(Type, out var clrType) ? JsonSerializer.Deserialize(Json, clrType, map.Json) : null;
    }
}
