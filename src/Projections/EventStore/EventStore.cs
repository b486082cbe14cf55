using Microsoft.Extensions.Options;
using Npgsql;

namespace Streaming.Projections.EventStore;

/// <summary>
/// The event store on PostgreSQL: append with optimistic concurrency and idempotency
/// (<c>EventStore.Append.cs</c>), reads (<c>EventStore.Fetch.cs</c>), live aggregates with snapshots
/// (<c>EventStore.Aggregate.cs</c>), GDPR redaction
/// (<c>EventStore.Redact.cs</c>). Thread-safe; register one per data source.
/// </summary>
public sealed partial class EventStore
{
    /// <summary>The channel each appending transaction notifies on commit; the daemon listens to it.</summary>
    public const string EventsChannel = "cdp_events";

    private readonly NpgsqlDataSource _dataSource;
    private readonly EventStoreOptions _options;

    public EventStore(NpgsqlDataSource dataSource, EventTypeMap types, IOptions<EventStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        Types = types;
        _options = options.Value;
    }

    public EventTypeMap Types { get; }

    /// <summary>A store outside dependency injection (tests, tools, benchmarks).</summary>
    public static EventStore Create(NpgsqlDataSource dataSource, Action<EventStoreOptions>? configure = null)
    {
        var options = new EventStoreOptions();
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        return new EventStore(dataSource, new EventTypeMap(wrapped), wrapped);
    }
}
