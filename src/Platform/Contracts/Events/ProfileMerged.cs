namespace Streaming.Platform.Contracts.Events;

/// <summary>
/// Another profile was merged into this one, the survivor (<c>profile.merged</c>): what it brought.
/// The loser's stream ends with <see cref="ProfileMergedInto"/>. Following <see cref="From"/> from a
/// live profile's stream finds every profile ever merged into it, at any depth.
/// </summary>
/// <param name="From">The merged (losing) profile's id.</param>
/// <param name="Identifiers">The loser's identifiers, now the survivor's.</param>
/// <param name="Traits">The loser's traits the survivor lacked (a JSON object): they filled the gaps.</param>
/// <param name="EventCount">The loser's counters, added to the survivor's.</param>
/// <param name="TrackCount">See <paramref name="EventCount"/>.</param>
/// <param name="PageCount">See <paramref name="EventCount"/>.</param>
/// <param name="IdentifyCount">See <paramref name="EventCount"/>.</param>
/// <param name="FirstSeen">The loser's first seen time.</param>
/// <param name="LastSeen">The loser's last seen time.</param>
public sealed record ProfileMerged(
    Guid From,
    IReadOnlyList<ProfileIdentifier> Identifiers,
    RawJson Traits,
    long EventCount,
    long TrackCount,
    long PageCount,
    long IdentifyCount,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen) : IDomainEvent
{
    public static string TypeName => ProfileEventTypes.Merged;
}
