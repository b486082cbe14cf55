using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Streaming.Platform.Security.Keys;

/// <summary>
/// Key lookups against <c>cdp.secret_keys</c> (by SHA-256) and <c>cdp.write_keys</c>, each
/// answer (found or not) cached for <see cref="SecurityOptions.KeyCacheTtl"/> so a request costs
/// no query while a revoked key still stops working within seconds. The cache is bounded by
/// <see cref="SecurityOptions.KeyCacheCapacity"/>: when full it is emptied, so made-up keys cost a
/// query each but never memory.
/// </summary>
public sealed class PostgresApiKeyDirectory(NpgsqlDataSource dataSource, IOptions<SecurityOptions> options, TimeProvider clock) : IApiKeyDirectory
{
    private static readonly FrozenSet<string> NoScopes = FrozenSet<string>.Empty;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly SecurityOptions _options = options.Value;

    public async ValueTask<ApiKeyIdentity?> FindAsync(string presentedKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        if (presentedKey.Length == 0 || presentedKey.Length > 256)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(presentedKey, out var cached) && cached.Expires > now)
        {
            return cached.Identity;
        }

        var identity = ApiKeyFormat.LooksSecret(presentedKey)
            ? await FindSecretAsync(presentedKey, cancellationToken)
            : await FindWriteAsync(presentedKey, cancellationToken);
        if (_options.KeyCacheTtl > TimeSpan.Zero)
        {
            if (_cache.Count >= _options.KeyCacheCapacity)
            {
                _cache.Clear();
            }

            _cache[presentedKey] = new Entry(identity, now + _options.KeyCacheTtl);
        }

        return identity;
    }

    private async Task<ApiKeyIdentity?> FindSecretAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select id, tenant_id, scopes from cdp.secret_keys where key_sha256 = $1 and revoked_at is null");
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ApiKeyFormat.Hash(key) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ApiKeyIdentity(ApiKeyKind.Secret, reader.GetString(1), reader.GetGuid(0), reader.GetFieldValue<string[]>(2).ToFrozenSet(StringComparer.Ordinal))
            : null;
    }

    private async Task<ApiKeyIdentity?> FindWriteAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select tenant_id from cdp.write_keys where key = $1 and revoked_at is null");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return await command.ExecuteScalarAsync(cancellationToken) is string tenant
            ? new ApiKeyIdentity(ApiKeyKind.Write, tenant, Guid.Empty, NoScopes)
            : null;
    }

    private sealed record Entry(ApiKeyIdentity? Identity, DateTimeOffset Expires);
}
