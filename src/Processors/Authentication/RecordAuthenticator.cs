using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Streaming.Platform.Contracts;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Authentication;

/// <summary>
/// Whether a record may speak for its envelope's tenant: its <see cref="EventHeaders.WriteKey"/>
/// header is an active write key of that tenant, and its Kafka key is that tenant's
/// (<c>{tenant}/...</c>, see <see cref="EventKey"/>). Anyone who can produce to the topic
/// otherwise could write into any tenant. Key lookups are cached, found or not, for
/// <see cref="EntryLifetime"/> (a revoked key is refused within it) and at most
/// <see cref="Capacity"/> of them (emptied when full, so made-up keys cost lookups, never memory).
/// </summary>
public sealed class RecordAuthenticator(IProfileStore store)
{
    /// <summary>As long as the HTTP side's key caches keep an answer: a revoked key stops everywhere within seconds.</summary>
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromSeconds(2);

    /// <summary>Far more keys than a processor sees at once (one or a few per tenant), small in memory.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>Null when the record is authentic; otherwise why not (the dead letter's reason).</summary>
    public async ValueTask<string?> RefuseAsync(RawRecord record, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(envelope);
        string? key = null;
        foreach (var header in record.Headers)
        {
            if (header.Key == EventHeaders.WriteKey)
            {
                if (key is not null)
                {
                    return $"more than one {EventHeaders.WriteKey} header";
                }

                key = Encoding.UTF8.GetString(header.Value);
            }
        }

        if (string.IsNullOrEmpty(key))
        {
            return $"no {EventHeaders.WriteKey} header: every record needs a write key of its tenant";
        }

        var tenant = await TenantOfAsync(key, cancellationToken);
        if (tenant is null)
        {
            return $"unknown or revoked write key in {EventHeaders.WriteKey}";
        }

        if (!string.Equals(tenant, envelope.Tenant, StringComparison.Ordinal))
        {
            return $"the write key is not a key of tenant \"{envelope.Tenant}\"";
        }

        if (record.Key is null || !StartsWithTenant(record.Key, tenant))
        {
            return $"the record key is not a key of tenant \"{envelope.Tenant}\" (expected \"{tenant}/u/...\" or \"{tenant}/a/...\")";
        }

        return null;
    }

    /// <summary><c>{tenant}/</c> at the start of the key, compared without allocating (it runs for every record).</summary>
    private static bool StartsWithTenant(byte[] key, string tenant)
    {
        var length = Encoding.UTF8.GetByteCount(tenant);
        if (key.Length <= length || key[length] != (byte)'/')
        {
            return false;
        }

        Span<byte> expected = length <= 1_024 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(tenant, expected);
        return key.AsSpan(0, length).SequenceEqual(expected);
    }

    private async ValueTask<string?> TenantOfAsync(string key, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (_cache.TryGetValue(key, out var entry) && Stopwatch.GetElapsedTime(entry.At, now) < EntryLifetime)
        {
            return entry.Tenant;
        }

        var tenant = await store.WriteKeyTenantAsync(key, cancellationToken);
        if (_cache.Count >= Capacity)
        {
            _cache.Clear();
        }

        _cache[key] = new Entry(tenant, now);
        return tenant;
    }

    private readonly record struct Entry(string? Tenant, long At);
}
