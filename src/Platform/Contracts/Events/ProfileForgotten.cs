namespace Streaming.Platform.Contracts.Events;

/// <summary>
/// GDPR erasure (<c>profile.forgotten</c>), appended to the person's live profile stream after its
/// streams were redacted. Holds no personal data: read models drop what they hold for these streams.
/// </summary>
/// <param name="ForgottenAt">When the erasure ran.</param>
/// <param name="RedactedStreams">Every stream redacted: the live profile's and those of all profiles merged into it.</param>
public sealed record ProfileForgotten(DateTimeOffset ForgottenAt, IReadOnlyList<string> RedactedStreams) : IDomainEvent
{
    public static string TypeName => ProfileEventTypes.Forgotten;
}
