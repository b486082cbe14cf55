using System.Security.Cryptography;
using System.Text;

namespace Streaming.Projections.EventStore;

/// <summary>
/// Deterministic event ids (RFC 9562 version 5, name-based): the same tenant and source key (for
/// example a Segment <c>messageId</c>, or messageId + stage) always give the same id, which is what
/// makes a redelivered Kafka message a no-op append.
/// </summary>
public static class EventIds
{
    // A fixed namespace UUID for this product; changing it would change every derived id.
    private static readonly Guid Namespace = new("6f2b2c1e-9d0a-4c55-8a43-1d3e5b7c9f10");

    public static Guid FromKey(string tenantId, string key)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(key);
        var name = Encoding.UTF8.GetBytes(tenantId + "\u001f" + key);
        Span<byte> input = stackalloc byte[16 + name.Length];
        Namespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        name.CopyTo(input[16..]);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5; it is an id, not a security hash.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
