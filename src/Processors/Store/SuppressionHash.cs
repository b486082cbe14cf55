using System.Security.Cryptography;
using System.Text;
using Streaming.Platform.Security.Secrets;
using Streaming.Processors.Identity;

namespace Streaming.Processors.Store;

/// <summary>
/// How a suppressed identifier is stored: HMAC-SHA256 under a server secret
/// (<see cref="ServerSecrets.SuppressionHash"/>), so the suppression list holds no personal data
/// and, unlike a bare hash, cannot be reversed by hashing every likely email or phone number
/// without the secret, which lives in the database and never in a dump of this table alone.
/// </summary>
public sealed class SuppressionHash(ServerSecrets secrets)
{
    /// <summary>The key, read once from <c>cdp.server_secrets</c> (generated there the first time).</summary>
    public ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken) =>
        secrets.GetAsync(ServerSecrets.SuppressionHash, cancellationToken);

    public static byte[] Of(ReadOnlySpan<byte> key, string tenantId, Identifier id) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{tenantId}\n{Identifier.KindName(id.Kind)}\n{id.Value}"));
}
