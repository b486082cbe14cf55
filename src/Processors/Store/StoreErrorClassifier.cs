using System.Net.Sockets;
using Npgsql;
using Streaming.Processors.Topology;
using Streaming.Projections.EventStore;

namespace Streaming.Processors.Store;

/// <summary>
/// Sorts an exception from a store call into <see cref="StoreErrorKind"/>: whether the offending
/// message is dead-lettered (a data error), the batch reruns (a conflict), the stream restarts
/// with backoff (a transient fault), or the stage stops (a fault). PostgreSQL's SQLSTATE decides
/// (https://www.postgresql.org/docs/current/errcodes-appendix.html); client-side failures of
/// Npgsql (no PostgresException) are connection problems and count as transient.
/// </summary>
public static class StoreErrorClassifier
{
    /// <summary>
    /// The unique constraints our writes rely on as concurrency checks: a violation means another
    /// writer got there first (an identifier claimed, a profile or stream created, a message
    /// handled, an event appended), never that the message itself is bad. Every unique index of
    /// the tables the processors write is listed; a test pins the list against the schema.
    /// </summary>
    public static IReadOnlySet<string> ConcurrencyConstraints { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "profiles_pkey",
        "identity_links_pkey",
        "profile_timeline_pkey",
        "handled_messages_pkey",
        "suppressions_pkey",
        "streams_pkey",
        "events_pkey",
        "events_stream_version",
        "events_id",
        "snapshots_pkey",
    };

    public static StoreErrorKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            StoreConflictException or WrongExpectedVersionException or ConcurrentAppendException => StoreErrorKind.Conflict,
            PostgresException postgres => Classify(postgres.SqlState, postgres.ConstraintName),
            NpgsqlException => StoreErrorKind.Transient,
            TimeoutException or SocketException or IOException => StoreErrorKind.Transient,
            AggregateException { InnerExceptions.Count: 1 } aggregate => Classify(aggregate.InnerExceptions[0]),
            // Npgsql wraps a broken connection found while reading a result in InvalidOperationException.
            InvalidOperationException { InnerException: NpgsqlException inner } => Classify(inner),
            _ => StoreErrorKind.Fault,
        };
    }

    /// <summary>The kind of a server error by its SQLSTATE (and, for unique violations, the constraint).</summary>
    public static StoreErrorKind Classify(string sqlState, string? constraintName = null)
    {
        ArgumentNullException.ThrowIfNull(sqlState);
        if (sqlState == PostgresErrorCodes.UniqueViolation)
        {
            return constraintName is not null && ConcurrencyConstraints.Contains(constraintName) ? StoreErrorKind.Conflict : StoreErrorKind.Data;
        }

        return sqlState switch
        {
            PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => StoreErrorKind.Transient,
            PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled => StoreErrorKind.Transient,
            _ => sqlState[..2] switch
            {
                "22" or "23" or "54" => StoreErrorKind.Data,        // data exception, integrity constraint, program limit (index row too big)
                "08" or "53" or "57" => StoreErrorKind.Transient, // connection, insufficient resources, operator intervention (shutdown)
                "58" when sqlState is "58000" or "58030" => StoreErrorKind.Transient, // system error, I/O error
                _ => StoreErrorKind.Fault,
            },
        };
    }

    /// <summary>True when the offending message should be dead-lettered.</summary>
    public static bool IsDataError(Exception exception) => Classify(exception) == StoreErrorKind.Data;

    /// <summary>True when the same work may succeed if tried again (a conflict or a transient fault).</summary>
    public static bool IsRetryable(Exception exception) => Classify(exception) is StoreErrorKind.Conflict or StoreErrorKind.Transient;

    /// <summary>The dead-letter reason for a data error: SQLSTATE, message and, when the server says, the column or constraint.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var postgres = exception as PostgresException ?? exception.InnerException as PostgresException;
        if (postgres is null)
        {
            return exception.Message;
        }

        var where = postgres.ColumnName ?? postgres.ConstraintName;
        return $"store refused the data: {postgres.SqlState} {postgres.MessageText}" + (where is null ? "" : $" ({where})");
    }
}
