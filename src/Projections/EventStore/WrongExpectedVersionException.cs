namespace Streaming.Projections.EventStore;

/// <summary>
/// An append's expected version did not match a stream's current version. Nothing of the append was
/// written (the transaction must be rolled back when it was the caller's).
/// </summary>
public sealed class WrongExpectedVersionException : Exception
{
    public WrongExpectedVersionException()
    {
    }

    public WrongExpectedVersionException(string message)
        : base(message)
    {
    }

    public WrongExpectedVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WrongExpectedVersionException(string tenantId, string streamId, ExpectedVersion expected, long actual)
        : base($"Stream {tenantId}/{streamId} is at version {actual}, the append expected {expected}.")
    {
        TenantId = tenantId;
        StreamId = streamId;
        Expected = expected;
        ActualVersion = actual;
    }

    public string? TenantId { get; }

    public string? StreamId { get; }

    public ExpectedVersion Expected { get; }

    public long ActualVersion { get; }
}
