namespace Streaming.Projections.EventStore;

/// <summary>
/// Another transaction stored one of the same event ids at the same moment (both passed the duplicate
/// check before either committed). Roll back and retry: the retry reports those events as duplicates.
/// The store's own-transaction overloads retry once by themselves.
/// </summary>
public sealed class ConcurrentAppendException : Exception
{
    public ConcurrentAppendException()
    {
    }

    public ConcurrentAppendException(string message)
        : base(message)
    {
    }

    public ConcurrentAppendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
