using Streaming.Processors.Model;
using Streaming.Processors.Profiles;

namespace Streaming.Processors.Topology;

/// <summary>A message the batch handled (for exactly-once: its id is stored with the effects).</summary>
public sealed record ProcessedMessage(string TenantId, string MessageId, Guid? ProfileId);

/// <summary>A row of the profile timeline read model.</summary>
public sealed record TimelineEntry(
    string TenantId, Guid ProfileId, string MessageId, EventKind Kind, string? Name,
    string? PropertiesJson, DateTimeOffset Timestamp, DateTimeOffset ReceivedAt);

/// <summary>An identifier newly pointing at a profile.</summary>
public sealed record NewLink(TenantIdentifier Identifier, Guid ProfileId);

/// <summary>A profile to insert (ExpectedVersion 0) or update (at ExpectedVersion).</summary>
public sealed record ProfileWrite(ProfileState State, long ExpectedVersion);

/// <summary>A stored profile merged into a survivor: its row goes, its links and timeline move.</summary>
public sealed record MergeWrite(string TenantId, Guid Loser, long LoserExpectedVersion, Guid Survivor);

/// <summary>Everything one batch changes, committed in one transaction with the offsets' effects.</summary>
public sealed class BatchChanges
{
    public List<ProcessedMessage> Messages { get; } = [];

    public List<PendingEvent> Events { get; } = [];

    public List<TimelineEntry> Timeline { get; } = [];

    public List<NewLink> Links { get; } = [];

    public List<ProfileWrite> Profiles { get; } = [];

    public List<MergeWrite> Merges { get; } = [];

    /// <summary>Writes of the stages' own kinds (see <see cref="Stages.IStageWriteHandler"/>).</summary>
    public List<Stages.IStageWrite> StageWrites { get; } = [];

    /// <summary>
    /// Profiles the batch read and relied on (identity resolution) without writing them, at the
    /// version it read: checked at commit, so a decision made on a cached profile another writer
    /// changed meanwhile reruns like any other conflict.
    /// </summary>
    public List<(Guid Id, long Version)> ReadOnly { get; } = [];

    public bool IsEmpty => Messages.Count == 0 && Events.Count == 0 && StageWrites.Count == 0;
}
