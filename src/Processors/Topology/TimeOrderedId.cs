namespace Streaming.Processors.Topology;

/// <summary>
/// Ids that start with an event's time (UUIDv7 and our derived event ids), total over every time
/// an envelope may carry: the 48-bit millisecond field counts from 1970, so earlier times (valid
/// historical events, back to 1900) take 0 and the index locality is simply lost for them.
/// </summary>
public static class TimeOrderedId
{
    private const long MaxMilliseconds = (1L << 48) - 1;

    /// <summary>Milliseconds since the Unix epoch, clamped to what the 48-bit field holds.</summary>
    public static long Milliseconds(DateTimeOffset time) => Math.Clamp(time.ToUnixTimeMilliseconds(), 0, MaxMilliseconds);

    /// <summary>A random UUIDv7 for <paramref name="time"/>; <see cref="Guid.CreateVersion7(DateTimeOffset)"/> throws before 1970.</summary>
    public static Guid NewVersion7(DateTimeOffset time) =>
        Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds(time)));
}
