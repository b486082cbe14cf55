namespace Streaming.Projections.EventStore;

/// <summary>
/// An event to append. Its <see cref="Id"/> is the idempotency key: appending an id that is already
/// stored is a no-op. Either an object whose CLR type is mapped in <see cref="EventTypeMap"/>, or
/// JSON with an explicit type name (for callers that already hold serialized payloads).
/// </summary>
public sealed record NewEvent
{
    /// <summary>An event whose type name comes from the type map (<see cref="EventStoreOptions.MapEventType{T}"/>).</summary>
    public NewEvent(Guid id, object data, EventMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Id = id;
        Data = data;
        Metadata = metadata ?? EventMetadata.Empty;
    }

    private NewEvent(Guid id, string type, string json, EventMetadata? metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(json);
        Id = id;
        Type = type;
        Json = json;
        Metadata = metadata ?? EventMetadata.Empty;
    }

    public Guid Id { get; }

    /// <summary>The payload object (null when built with <see cref="FromJson"/>).</summary>
    public object? Data { get; }

    /// <summary>The explicit type name (null when it comes from the type map).</summary>
    public string? Type { get; }

    /// <summary>The serialized payload (null when built from an object).</summary>
    public string? Json { get; }

    public EventMetadata Metadata { get; }

    /// <summary>An event from a JSON object text and an explicit type name.</summary>
    public static NewEvent FromJson(Guid id, string type, string json, EventMetadata? metadata = null) =>
        new(id, type, json, metadata);
}
