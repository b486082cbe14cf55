namespace Streaming.Projections.EventStore;

/// <summary>Events for one stream of one tenant, with the version the appender expects it to be at.</summary>
/// <param name="TenantId">The tenant that owns the stream; part of the stream's key.</param>
/// <param name="StreamId">The stream's id within the tenant (for example <c>profile-42</c>).</param>
/// <param name="Expected">The optimistic-concurrency check.</param>
/// <param name="Events">The events, in order; each gets the next version.</param>
/// <param name="StreamType">An optional label stored on the stream when it is created (for example <c>profile</c>).</param>
public sealed record StreamAppend(
    string TenantId,
    string StreamId,
    ExpectedVersion Expected,
    IReadOnlyList<NewEvent> Events,
    string? StreamType = null);
