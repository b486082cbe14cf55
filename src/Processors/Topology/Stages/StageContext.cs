using Streaming.Processors.Identity;
using Streaming.Processors.Model;
using Streaming.Processors.Profiles;

namespace Streaming.Processors.Topology.Stages;

/// <summary>One message as the profile stages see it: the message, what the batch knows, and what earlier stages decided.</summary>
public sealed class StageContext(InboundEvent message, List<Identifier> identifiers, BatchState batch)
{
    public InboundEvent Message { get; } = message;

    /// <summary>The message's usable identifiers (junk dropped, normalised).</summary>
    public List<Identifier> Identifiers { get; } = identifiers;

    /// <summary>The batch's working state: links, profiles and the changes to commit.</summary>
    public BatchState Batch { get; } = batch;

    /// <summary>The profile the message applies to, once resolve-identity has run.</summary>
    public ProfileState? Profile { get; set; }

    /// <summary>Identifiers the message newly linked to <see cref="Profile"/>.</summary>
    public IReadOnlyCollection<Identifier> Linked { get; set; } = [];

    /// <summary>The resolved profile; a stage that needs one and runs before resolve-identity is a wiring bug.</summary>
    public ProfileState RequireProfile() =>
        Profile ?? throw new InvalidOperationException("no profile resolved yet: the stage runs before resolve-identity");

    /// <summary>A write of a stage's own kind, committed with the batch by its <see cref="IStageWriteHandler"/>.</summary>
    public void Emit(IStageWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Batch.Changes.StageWrites.Add(write);
    }
}
