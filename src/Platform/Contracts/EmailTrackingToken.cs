using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Platform.Contracts;

/// <summary>
/// What an email open pixel or click link carries: the tenant, the email message, the profile it
/// was sent to, the link (click tokens only) and an expiry. Senders create tokens with
/// <see cref="EmailTrackingToken.Create"/>; ingest verifies them.
/// </summary>
public sealed record EmailTrackingClaims(
    [property: JsonPropertyName("t")] string Tenant,
    [property: JsonPropertyName("m")] string MessageId,
    [property: JsonPropertyName("p")] string ProfileId,
    [property: JsonPropertyName("u")] string? Url,
    [property: JsonPropertyName("e")] long ExpiresUnixSeconds);

/// <summary>
/// Tokens of the form <c>base64url(claims JSON) "." base64url(HMAC-SHA256(secret, claims JSON))</c>.
/// A token whose signature does not match, or that expired, verifies as nothing.
/// </summary>
public static class EmailTrackingToken
{
    public static string Create(ReadOnlySpan<byte> secret, EmailTrackingClaims claims)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims, EmailTrackingJsonContext.Default.EmailTrackingClaims);
        var mac = HMACSHA256.HashData(secret, payload);
        return string.Concat(Base64Url.EncodeToString(payload), ".", Base64Url.EncodeToString(mac));
    }

    /// <summary>The claims when the signature matches and the token has not expired at <paramref name="now"/>.</summary>
    public static bool TryVerify(ReadOnlySpan<byte> secret, string? token, DateTimeOffset now, out EmailTrackingClaims? claims)
    {
        claims = null;
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0 || token.Length > 8192)
        {
            return false;
        }

        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, payload), mac))
        {
            return false;
        }

        try
        {
            var decoded = JsonSerializer.Deserialize(payload, EmailTrackingJsonContext.Default.EmailTrackingClaims);
            if (decoded is null || decoded.ExpiresUnixSeconds <= now.ToUnixTimeSeconds())
            {
                return false;
            }

            claims = decoded;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmailTrackingClaims))]
internal sealed partial class EmailTrackingJsonContext : JsonSerializerContext;
