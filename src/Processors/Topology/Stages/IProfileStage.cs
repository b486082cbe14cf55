namespace Streaming.Processors.Topology.Stages;

/// <summary>What a stage reads from the batch's lookup (one round trip per batch, made before any stage runs).</summary>
[Flags]
public enum StageReads
{
    None = 0,

    /// <summary>The profile each of the message's identifiers points at.</summary>
    Identifiers = 1,

    /// <summary>Profile state (traits, counters, versions) of the profiles found.</summary>
    Profiles = 2,
}

/// <summary>What a stage emits into the batch's changes (committed in the batch's one transaction).</summary>
[Flags]
public enum StageEmits
{
    None = 0,

    /// <summary>Typed domain events appended to the profile's stream.</summary>
    DomainEvents = 1,

    /// <summary>Rows of the processors' read models (profiles, links, timeline).</summary>
    ReadModelWrites = 2,

    /// <summary>Messages to send, written to the outbox with the batch.</summary>
    OutboxRows = 4,

    /// <summary>Durable timers.</summary>
    Timers = 8,

    /// <summary>Writes of a stage's own kind, handled by its <see cref="IStageWriteHandler"/>.</summary>
    StageWrites = 16,
}

/// <summary>
/// One job on the per-profile stream, run for each message of a batch in order, after dedupe and
/// suppression. A stage reads what it declares from the batch (<see cref="StageContext"/>) and emits
/// through it; it does no I/O. Adding a stage is this class plus one line in
/// <see cref="ProcessorTopology"/>: the batch runner, the store and the test driver stay as they are
/// (a write of a new kind brings its own <see cref="IStageWriteHandler"/>).
/// <para>
/// Error policy of every profile stage: an exception it throws for a message dead-letters that message
/// (reason and stage name), and the batch reruns without it.
/// </para>
/// </summary>
public interface IProfileStage
{
    /// <summary>Stable name: in logs, metrics and dead-letter headers.</summary>
    string Name { get; }

    StageReads Reads { get; }

    StageEmits Emits { get; }

    void Apply(StageContext context);
}
