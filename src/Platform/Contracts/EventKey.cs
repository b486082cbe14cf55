using System.Text;

namespace Streaming.Platform.Contracts;

/// <summary>
/// The Kafka record key of an <see cref="EventEnvelope"/>: <c>{tenant}/u/{userId}</c> when the
/// event has a userId, otherwise <c>{tenant}/a/{anonymousId}</c>, UTF-8 encoded. All events of
/// one profile key land on one partition (Murmur2 partitioner, as Java clients use), so they are
/// processed in order. Tenant ids never contain <c>/</c>.
/// </summary>
public static class EventKey
{
    /// <summary>The key as a string; userId wins over anonymousId when both are present.</summary>
    public static string For(string tenant, string? userId, string? anonymousId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        if (!string.IsNullOrEmpty(userId))
        {
            return string.Concat(tenant, "/u/", userId);
        }

        if (!string.IsNullOrEmpty(anonymousId))
        {
            return string.Concat(tenant, "/a/", anonymousId);
        }

        throw new ArgumentException("An event needs a userId or an anonymousId.", nameof(anonymousId));
    }

    /// <summary>The key of an envelope as the UTF-8 bytes put on the record.</summary>
    public static byte[] For(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return Encoding.UTF8.GetBytes(For(envelope.Tenant, envelope.UserId, envelope.AnonymousId));
    }
}
