namespace Streaming.Platform.Contracts.Events;

/// <summary>
/// The stored names of a profile stream's events (<c>profile-{id:N}</c>, stream type <c>profile</c>).
/// A profile has no creation event of its own: its stream's first event (version 1) creates it, so
/// a one-message visitor costs one event row, not two.
/// </summary>
public static class ProfileEventTypes
{
    /// <summary>A track, page, screen or group call recorded on the profile's activity: <see cref="ProfileActivityRecorded"/>.</summary>
    public const string ActivityRecorded = "profile.activity_recorded";

    /// <summary>An identify: trait operations and identifiers newly linked: <see cref="ProfileIdentified"/>.</summary>
    public const string Identified = "profile.identified";

    /// <summary>An alias linked a previous id to the profile: <see cref="ProfileAliased"/>.</summary>
    public const string Aliased = "profile.aliased";

    /// <summary>Another profile was merged into this one (the survivor): <see cref="ProfileMerged"/>.</summary>
    public const string Merged = "profile.merged";

    /// <summary>This profile was merged into another (the survivor) and is closed: <see cref="ProfileMergedInto"/>.</summary>
    public const string MergedInto = "profile.merged_into";

    /// <summary>GDPR erasure: the person's streams were redacted: <see cref="ProfileForgotten"/>.</summary>
    public const string Forgotten = "profile.forgotten";
}
