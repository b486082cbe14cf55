using Npgsql;
using Streaming.Processors.Topology;
using Streaming.Projections.EventStore;

namespace Streaming.Processors.Store;

/// <summary>
/// The event store adapter: one stream per profile (<c>profile-{id}</c>), expected version = the
/// version the batch read (0 = created by the batch), event ids derived from the message id. The
/// batch owns its streams (it holds their profile rows locked and has dropped messages already
/// applied), so it uses the store's known-version append: one write per stream, no duplicate lookup.
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
            var expected = ExpectedVersion.Exactly(expectedVersions.GetValueOrDefault(group.Key));
            appends.Add(new StreamAppend(
                first.TenantId,
                PendingEvent.StreamIdOf(group.Key),
                expected,
                [.. group.Select(e => NewEvent.FromJson(e.EventId, e.Type, e.Data.ToJsonString(), new EventMetadata { Timestamp = e.Timestamp }))],
                "profile"));
        }

        try
        {
            await store.AppendAtKnownVersionsAsync(connection, transaction, appends, cancellationToken);
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
