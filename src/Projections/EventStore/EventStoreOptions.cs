using System.Text.Json;

namespace Streaming.Projections.EventStore;

/// <summary>
/// Event-store settings. Each role maps its own event types additively:
/// <c>services.Configure&lt;EventStoreOptions&gt;(o =&gt; o.MapEventType&lt;OrderPlaced&gt;("order.placed"))</c>. The domain events of
/// <c>DomainEventRegistry</c> are mapped already.
/// </summary>
public sealed class EventStoreOptions
{
    /// <summary>Configuration section (<c>EventStore:CopyThreshold</c>, ...).</summary>
    public const string Section = "EventStore";

    internal static JsonSerializerOptions DefaultJson { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>From this many new events in one append on, rows go in by binary COPY instead of an unnest insert.</summary>
    public int CopyThreshold { get; set; } = 64;

    /// <summary>
    /// NOTIFY the daemon from each appending transaction (delivered on commit). Off only when the daemon
    /// may rely on polling alone.
    /// </summary>
    public bool NotifyOnAppend { get; set; } = true;

    /// <summary>
    /// NOTIFY <see cref="EventStore.RedactionsChannel"/> from each redacting transaction (delivered on
    /// commit), so read sides and subscribers drop what they show of the redacted streams at once.
    /// </summary>
    public bool NotifyOnRedact { get; set; } = true;

    /// <summary>Serializer for event data, snapshots and headers.</summary>
    public JsonSerializerOptions Json { get; set; } = DefaultJson;

    internal Dictionary<Type, string> EventTypes { get; } = [];

    /// <summary>Stores events of <paramref name="type"/> under <paramref name="name"/>.</summary>
    public EventStoreOptions MapEventType(Type type, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        EventTypes[type] = name;
        return this;
    }

    /// <summary>Stores events of type <typeparamref name="T"/> under <paramref name="name"/>.</summary>
    public EventStoreOptions MapEventType<T>(string name) => MapEventType(typeof(T), name);
}
