namespace Streaming.Projections.EventStore;

/// <summary>
/// What the appender believes a stream's version is: any, exactly N, or "the stream must not exist yet".
/// A mismatch fails the whole append (see <see cref="WrongExpectedVersionException"/>).
/// </summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -1;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>No check: append after whatever is there (creating the stream if needed).</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>The stream must have no events yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(0);

    /// <summary>-1 for <see cref="Any"/>, otherwise the exact version expected (0 = no stream).</summary>
    public long Value { get; }

    public bool IsAny => Value == AnyValue;

    /// <summary>The stream's version must be exactly <paramref name="version"/> (0 = must not exist).</summary>
    public static ExpectedVersion Exactly(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new ExpectedVersion(version);
    }

    public override string ToString() => IsAny ? "any" : Value == 0 ? "no stream" : Value.ToString();
}
