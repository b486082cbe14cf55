using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Projections.EventStore;

namespace Streaming.Projections;

/// <summary>Wiring of the event store, for every role that appends or reads events.</summary>
public static class EventStoreServiceExtensions
{
    /// <summary>The event store's tables, migrated on start (with every other registered role's).</summary>
    public static IHostApplicationBuilder AddEventStoreSchema(this IHostApplicationBuilder builder) =>
        builder.AddMigrations(EventStoreSchema.Migrations);

    /// <summary>
    /// The schema plus an <see cref="EventStore.EventStore"/> singleton (and its <see cref="EventTypeMap"/>).
    /// Map event types with <c>services.Configure&lt;EventStoreOptions&gt;(o =&gt; o.MapEventType&lt;T&gt;("name"))</c>.
    /// </summary>
    public static IHostApplicationBuilder AddEventStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEventStoreSchema();
        builder.Services.AddOptions<EventStoreOptions>().Bind(builder.Configuration.GetSection(EventStoreOptions.Section));
        builder.Services.TryAddSingleton<EventTypeMap>();
        builder.Services.TryAddSingleton<EventStore.EventStore>();
        return builder;
    }
}
