using Npgsql;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Store;

/// <summary>Appends a batch's profile events inside the batch's transaction (the event store adapter implements it).</summary>
public interface IEventSink
{
    /// <summary>Serializes the events now (the batch's profiles may change before they are written).</summary>
    /// <param name="expectedVersions">Each stream's version when the batch read it; a profile not named is new (0).</param>
    IStagedEvents Stage(IReadOnlyList<PendingEvent> events, IReadOnlyDictionary<Guid, long> expectedVersions);
}

/// <summary>Events serialized by <see cref="IEventSink.Stage"/>, ready to be written.</summary>
public interface IStagedEvents
{
    Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
