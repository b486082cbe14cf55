using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;

namespace Streaming.Platform.Security.Secrets;

/// <summary>
/// Server-side secrets kept in <c>cdp.server_secrets</c>: generated (32 random bytes) by whichever
/// process asks first, then the same in every process and across restarts. The embedded default
/// needs no configuration this way; a deployment may still configure a secret where a setting
/// allows it (e.g. <c>Ingest:EmailTokenSecret</c>). Cached once read: they never change in place.
/// </summary>
public sealed class ServerSecrets(NpgsqlDataSource dataSource)
{
    /// <summary>HMAC key of email open and click tokens.</summary>
    public const string EmailTokens = "email_tracking_tokens";

    /// <summary>HMAC key of the identifiers on the suppression list.</summary>
    public const string SuppressionHash = "suppression_hash";

    private const int Length = 32;
    private readonly ConcurrentDictionary<string, byte[]> _loaded = new(StringComparer.Ordinal);

    public async ValueTask<byte[]> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_loaded.TryGetValue(name, out var value))
        {
            return value;
        }

        await using (var insert = dataSource.CreateCommand(
            "insert into cdp.server_secrets (name, value) values ($1, $2) on conflict (name) do nothing"))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = RandomNumberGenerator.GetBytes(Length) });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = dataSource.CreateCommand("select value from cdp.server_secrets where name = $1");
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        value = (byte[])(await select.ExecuteScalarAsync(cancellationToken))!;
        return _loaded.GetOrAdd(name, value);
    }
}
