using System.Globalization;

namespace Streaming.Platform.Contracts.Limits;

/// <summary>
/// The rules for a string the store keeps as text: no U+0000 (PostgreSQL text and jsonb cannot
/// hold it), no lone surrogate (not encodable as UTF-8), and at most a number of UTF-8 bytes.
/// </summary>
public static class TextRules
{
    public const string NulReason = "contains U+0000 (\\u0000), which the store cannot hold";

    public const string LoneSurrogateReason = "contains a lone UTF-16 surrogate (invalid Unicode)";

    /// <summary>Null when <paramref name="value"/> follows the rules (null passes), else the reason.</summary>
    public static string? Check(string? value, int maxBytes)
    {
        if (value is null)
        {
            return null;
        }

        var bytes = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x80)
            {
                if (c == '\0')
                {
                    return NulReason;
                }

                bytes++;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                bytes += 4;
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return LoneSurrogateReason;
            }
            else
            {
                bytes += 3;
            }
        }

        return bytes > maxBytes ? TooLong(bytes, maxBytes) : null;
    }

    public static string TooLong(int bytes, int maxBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"is {bytes} bytes of UTF-8 (at most {maxBytes})");
}
