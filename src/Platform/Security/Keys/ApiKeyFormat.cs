using System.Security.Cryptography;
using System.Text;

namespace Streaming.Platform.Security.Keys;

/// <summary>
/// How keys look and how they are stored. A generated key is a recognisable prefix and 32 random
/// bytes in base62 (about 190 bits): <c>sk_live_...</c> for secret keys, <c>pk_live_...</c> for
/// write keys, so a leaked key is easy to spot (secret scanners match on the prefix) and a key of
/// the wrong kind is refused by its look alone.
/// </summary>
public static class ApiKeyFormat
{
    public const string SecretPrefix = "sk_live_";
    public const string WritePrefix = "pk_live_";

    /// <summary>Characters of a key kept in listings (prefix plus four), enough to tell keys apart, far too few to guess the rest.</summary>
    public const int HintLength = 12;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int RandomChars = 43;

    public static string NewSecretKey() => SecretPrefix + RandomString();

    public static string NewWriteKey() => WritePrefix + RandomString();

    public static bool LooksSecret(string key) => key.StartsWith(SecretPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The stored form of a secret key: SHA-256 of its UTF-8 text. Unsalted on purpose: the key is
    /// 190 random bits, so no dictionary or rainbow table covers it and a salt would only prevent
    /// the single indexed lookup by hash; a slow hash (bcrypt, Argon2) protects low-entropy
    /// passwords, which these are not, and would cost every request.
    /// </summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string Hint(string key) => key.Length <= HintLength ? key : key[..HintLength];

    // GetString draws each character uniformly from the alphabet (no modulo bias).
    private static string RandomString() => RandomNumberGenerator.GetString(Alphabet, RandomChars);
}
