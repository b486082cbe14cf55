namespace Streaming.Platform.Contracts.Events;

/// <summary>This profile was merged into <see cref="Into"/> and is closed (<c>profile.merged_into</c>): the last event of its stream.</summary>
/// <param name="Into">The surviving profile's id.</param>
public sealed record ProfileMergedInto(Guid Into) : IDomainEvent
{
    public static string TypeName => ProfileEventTypes.MergedInto;
}
