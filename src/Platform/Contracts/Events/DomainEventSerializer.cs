using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Streaming.Platform.Contracts.Events;

/// <summary>Domain events to and from their stored JSON, through <see cref="DomainEventJsonContext"/>.</summary>
public static class DomainEventSerializer
{
    public static string Serialize<T>(T domainEvent)
        where T : IDomainEvent =>
        JsonSerializer.Serialize(domainEvent, TypeInfo<T>());

    public static T Deserialize<T>(string json)
        where T : IDomainEvent =>
        JsonSerializer.Deserialize(json, TypeInfo<T>())
            ?? throw new JsonException($"{T.TypeName}: the stored data is JSON null.");

    public static object Deserialize(string json, DomainEventType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return JsonSerializer.Deserialize(json, type.JsonTypeInfo)
            ?? throw new JsonException($"{type.Name}: the stored data is JSON null.");
    }

    public static JsonTypeInfo<T> TypeInfo<T>()
        where T : IDomainEvent =>
        Cache<T>.Info;

    private static class Cache<T>
        where T : IDomainEvent
    {
        public static readonly JsonTypeInfo<T> Info = DomainEventJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {nameof(DomainEventJsonContext)}.");
    }
}
