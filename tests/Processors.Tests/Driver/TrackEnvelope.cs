using Streaming.Platform.Contracts;

namespace Streaming.Processors.Tests.Driver;

/// <summary>A track call of tenant "acme" stamped now, for tests that feed a topology or cycle directly.</summary>
public static class TrackEnvelope
{
    public static EventEnvelope Of(string? userId, string anonymousId, string name = "Product Viewed") => new()
    {
        Tenant = "acme",
        MessageId = Guid.NewGuid().ToString(),
        Type = EventTypes.Track,
        Event = name,
        UserId = userId,
        AnonymousId = anonymousId,
        Timestamp = DateTimeOffset.UtcNow,
        ReceivedAt = DateTimeOffset.UtcNow,
    };
}
