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
