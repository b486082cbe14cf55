using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Streaming.Processors.Topology;

/// <summary>
/// An event for a profile stream, produced by the stages and appended by the store stage.
/// Its id is derived from (tenant, messageId, stream, ordinal), so reprocessing the same message
/// yields the same ids and the event store's idempotency drops the repeat. Like a UUIDv7 it starts
/// with the message's time in milliseconds, so live traffic appends to the right edge of the
/// event-id index instead of dirtying a random page of it per event.
/// </summary>
public sealed record PendingEvent(string TenantId, Guid ProfileId, Guid EventId, string Type, string Json, DateTimeOffset Timestamp)
{
    /// <summary>W3C trace context of the record that caused the event, kept in the stored event's metadata.</summary>
    public string? TraceParent { get; init; }

    public static string StreamIdOf(Guid profileId) => "profile-" + profileId.ToString("N");

    public static Guid DeriveId(string tenant, string messageId, Guid profileId, int ordinal, DateTimeOffset timestamp)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}\n{messageId}\n{profileId:N}\n{ordinal}"), hash);
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(id[..8], TimeOrderedId.Milliseconds(timestamp) << 16);
        hash[..10].CopyTo(id[6..]);
        id[6] = (byte)(0x80 | (id[6] & 0x0F)); // version 8: custom layout
        id[8] = (byte)(0x80 | (id[8] & 0x3F)); // RFC 9562 variant
        return new Guid(id, bigEndian: true);
    }
}

/// <summary>The event types of a profile stream.</summary>
public static class ProfileEventTypes
{
    /// <summary>A track, page, screen or group call recorded on the profile's activity.</summary>
    public const string ActivityRecorded = "profile.activity_recorded";

    /// <summary>An identify: trait operations and identifiers newly linked.</summary>
    public const string Identified = "profile.identified";

    /// <summary>An alias linked a previous id to the profile.</summary>
    public const string Aliased = "profile.aliased";

    /// <summary>Another profile was merged into this one (the survivor): its identifiers, traits and counters.</summary>
    public const string Merged = "profile.merged";

    /// <summary>This profile was merged into another (the survivor) and is closed.</summary>
    public const string MergedInto = "profile.merged_into";

    /// <summary>GDPR erasure: the stream's personal data was removed.</summary>
    public const string Forgotten = "profile.forgotten";
}
