using Confluent.Kafka;
using Npgsql;

namespace Streaming.Processors.Store;

/// <summary>
/// Data error or fault. A data error (SQLSTATE class 22 data exception, 23 integrity violation other
/// than the unique violations the store turns into conflicts, 54 program limit exceeded) is caused
/// by a message and dead-letters it; a fault (connection, timeout, Kafka, a restarting server) is
/// the environment's and restarts the stream from the committed offsets.
/// </summary>
public static class StoreErrorClassifier
{
    public static bool IsDataError(Exception exception)
    {
        var postgres = Find<PostgresException>(exception);
        return postgres?.SqlState is { Length: 5 } state && (state.StartsWith("22", StringComparison.Ordinal)
            || state.StartsWith("23", StringComparison.Ordinal) || state.StartsWith("54", StringComparison.Ordinal));
    }

    public static bool IsTransient(Exception exception) =>
        !IsDataError(exception)
        && (Find<NpgsqlException>(exception) is not null || Find<TimeoutException>(exception) is not null
            || Find<KafkaException>(exception) is not null);

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }
}
