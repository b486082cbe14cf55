using Streaming.Platform.Contracts;
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
    public IStagedEvents Stage(IReadOnlyList<PendingEvent> events, IReadOnlyDictionary<Guid, long> expectedVersions)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(expectedVersions);
        var appends = new List<StreamAppend>();
        foreach (var group in events.GroupBy(e => e.ProfileId))
        {
            appends.Add(new StreamAppend(
                group.First().TenantId,
                PendingEvent.StreamIdOf(group.Key),
                ExpectedVersion.Exactly(expectedVersions.GetValueOrDefault(group.Key)),
                [.. group.Select(e => NewEvent.FromJson(e.EventId, e.Type, e.Json, MetadataOf(e)))],
                "profile"));
        }

        return new StagedAppend(store, appends);
    }

    private static EventMetadata MetadataOf(PendingEvent e) => new()
    {
        Timestamp = e.Timestamp,
        Headers = e.TraceParent is null ? null : new Dictionary<string, string> { [EventHeaders.TraceParent] = e.TraceParent },
    };

    private sealed class StagedAppend(EventStore store, List<StreamAppend> appends) : IStagedEvents
    {
        public async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
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
}
