namespace Streaming.Processors.Store;

/// <summary>What a failed store call means for the batch that made it (see <see cref="StoreErrorClassifier"/>).</summary>
public enum StoreErrorKind
{
    /// <summary>
    /// The data of one message cannot be stored (SQLSTATE class 22, class 23 other than the
    /// concurrency checks, class 54): retrying can never succeed. The message goes to the
    /// dead-letter topic with the reason and the batch commits without it.
    /// </summary>
    Data,

    /// <summary>Another writer changed what the batch read (one of our concurrency checks): rerun the batch from fresh state.</summary>
    Conflict,

    /// <summary>The connection or the server failed, or a lock or serialization conflict aborted the transaction: retry with backoff from the committed offsets.</summary>
    Transient,

    /// <summary>Anything else (a bug, a missing table, a permission): stop the stage, log it, show it on <c>/readyz</c>.</summary>
    Fault,
}
