using System.Globalization;

namespace Streaming.Platform.Contracts.Limits;

/// <summary>
/// Whether a JSON number fits PostgreSQL's numeric, which jsonb stores numbers as: below
/// 10^<see cref="EnvelopeLimits.MaxNumberIntegerDigits"/> in magnitude and at most
/// <see cref="EnvelopeLimits.MaxNumberScale"/> digits after the point once the exponent is applied
/// (numeric keeps the scale as written: <c>1.50e-3</c> has scale 5). Tried against PostgreSQL 15:
/// <c>1e131071</c> and <c>1e-16383</c> are stored, <c>1e131072</c>, <c>1e-16384</c> and
/// <c>0e-16384</c> fail with "value overflows numeric format".
/// </summary>
public static class JsonNumberRules
{
    // An exponent beyond this is out of range whatever the digits (the input is at most a few MB).
    private const long ExponentCap = 1_000_000_000;

    /// <summary>Null when the number (raw JSON text, already valid JSON) fits, else the reason.</summary>
    public static string? Check(ReadOnlySpan<byte> number)
    {
        var i = number.Length > 0 && number[0] == '-' ? 1 : 0;
        var integerStart = i;
        while (i < number.Length && char.IsAsciiDigit((char)number[i]))
        {
            i++;
        }

        var integer = number[integerStart..i];
        ReadOnlySpan<byte> fraction = [];
        if (i < number.Length && number[i] == '.')
        {
            var fractionStart = ++i;
            while (i < number.Length && char.IsAsciiDigit((char)number[i]))
            {
                i++;
            }

            fraction = number[fractionStart..i];
        }

        long exponent = 0;
        if (i < number.Length && (number[i] == 'e' || number[i] == 'E'))
        {
            i++;
            var negative = false;
            if (number[i] == '-' || number[i] == '+')
            {
                negative = number[i] == '-';
                i++;
            }

            for (; i < number.Length; i++)
            {
                exponent = Math.Min(ExponentCap, (exponent * 10) + (number[i] - '0'));
            }

            exponent = negative ? -exponent : exponent;
        }

        var scale = fraction.Length - exponent;
        if (scale > EnvelopeLimits.MaxNumberScale)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"has {scale} digits after the decimal point (at most {EnvelopeLimits.MaxNumberScale}: PostgreSQL numeric)");
        }

        // Position of the leading significant digit: 10^magnitude (0 is always in range).
        var first = integer.IndexOfAnyExcept((byte)'0');
        long magnitude;
        if (first >= 0)
        {
            magnitude = integer.Length - 1 - first + exponent;
        }
        else
        {
            var firstInFraction = fraction.IndexOfAnyExcept((byte)'0');
            if (firstInFraction < 0)
            {
                return null;
            }

            magnitude = -1 - firstInFraction + exponent;
        }

        return magnitude >= EnvelopeLimits.MaxNumberIntegerDigits
            ? string.Create(CultureInfo.InvariantCulture,
                $"is too large (at most {EnvelopeLimits.MaxNumberIntegerDigits} digits before the decimal point: PostgreSQL numeric)")
            : null;
    }
}
