using Npgsql;

namespace Streaming.Processors.Topology.Stages;

/// <summary>A change a stage emits that the core store does not know (an outbox row, a timer, a counter).</summary>
public interface IStageWrite;

/// <summary>
/// Writes one kind of <see cref="IStageWrite"/> inside the batch's transaction. Registered in DI by
/// the feature that owns the kind; the PostgreSQL store finds it by <see cref="WriteType"/>.
/// Errors follow the store's policy: a data error (SQLSTATE 22, 23, 54) dead-letters the message
/// that caused it, anything else restarts the stream.
/// </summary>
public interface IStageWriteHandler
{
    Type WriteType { get; }

    Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<IStageWrite> writes, CancellationToken cancellationToken);
}
