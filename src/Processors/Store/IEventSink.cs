using Npgsql;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Store;

/// <summary>Appends a batch's profile events inside the batch's transaction (the event store adapter implements it).</summary>
public interface IEventSink
{
    /// <param name="expectedVersions">Each stream's version when the batch read it; a profile not named is new (0).</param>
    Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingEvent> events,
        IReadOnlyDictionary<Guid, long> expectedVersions, CancellationToken cancellationToken);
}
