using Npgsql;
using Streaming.Processors.Topology;
using Streaming.Projections.EventStore;

namespace Streaming.Processors.Store;

/// <summary>
/// The event store adapter: one stream per profile (<c>profile-{id}</c>), expected version = the
/// version the batch read, event ids derived from the message id (so a redelivery is a no-op).
/// </summary>
public sealed class EventStoreSink(EventStore store) : IEventSink
{
    public async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingEvent> events,
        IReadOnlyDictionary<Guid, long> expectedVersions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(expectedVersions);
        var appends = new List<StreamAppend>();
        foreach (var group in events.GroupBy(e => e.ProfileId))
        {
            var first = group.First();
            var expected = expectedVersions.TryGetValue(group.Key, out var v) ? ExpectedVersion.Exactly(v) : ExpectedVersion.Any;
            appends.Add(new StreamAppend(
                first.TenantId,
                PendingEvent.StreamIdOf(group.Key),
                expected,
                [.. group.Select(e => NewEvent.FromJson(e.EventId, e.Type, e.Data.ToJsonString(), new EventMetadata { Timestamp = e.Timestamp }))],
                "profile"));
        }

        try
        {
            await store.AppendAsync(connection, transaction, appends, cancellationToken);
        }
        catch (WrongExpectedVersionException ex)
        {
            throw new StoreConflictException(ex.Message, ex);
        }
        catch (ConcurrentAppendException ex)
        {
            throw new StoreConflictException(ex.Message, ex);
        }
    }
}
