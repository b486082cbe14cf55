namespace Streaming.Processors.Topology;

/// <summary>A record a stage refused: it goes to the dead-letter topic with why and where.</summary>
public sealed record DeadLetter(RawRecord Record, string Stage, string Reason);

/// <summary>Header names on dead-letter records (values UTF-8).</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "dlq_reason";
    public const string Stage = "dlq_stage";
    public const string Topic = "dlq_original_topic";
    public const string Partition = "dlq_original_partition";
    public const string Offset = "dlq_original_offset";
}
