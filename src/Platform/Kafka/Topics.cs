namespace Streaming.Platform.Kafka;

/// <summary>A named topic and the partition count it is created with.</summary>
public sealed record TopicSpec(string Name, int Partitions);

/// <summary>
/// Every topic the system uses, named explicitly so a topology change never renames one.
/// </summary>
public static class Topics
{
    /// <summary>Tracking events (Segment spec envelope), keyed by tenant + profile key.</summary>
    public static readonly TopicSpec Events = new("cdp.events", 12);

    /// <summary>Records a processor could not decode or validate, with the reason in headers.</summary>
    public static readonly TopicSpec DeadLetter = new("cdp.events.dlq", 3);

    public static IReadOnlyList<TopicSpec> All { get; } = [Events, DeadLetter];
}
