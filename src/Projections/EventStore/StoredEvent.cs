using System.Text.Json;
using Streaming.Platform.Contracts.Events;

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

    /// <summary>True when a GDPR erasure replaced the data (<see cref="EventStore.RedactStreamsAsync(string, IReadOnlyCollection{string}, CancellationToken)"/>).</summary>
    public bool IsRedacted => Json == EventStore.RedactedJson;

    /// <summary>
    /// The data deserialized as the CLR type the map names for <see cref="Type"/> (a domain event
    /// through its contract JSON), or null if unmapped or redacted.
    /// </summary>
    public object? Deserialize(EventTypeMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (IsRedacted || !map.TryGetType(Type, out var clrType))
        {
            return null;
        }

        return DomainEventRegistry.TryGet(clrType, out var domain)
            ? DomainEventSerializer.Deserialize(Json, domain)
            : JsonSerializer.Deserialize(Json, clrType, map.Json);
    }
}
