using System.Globalization;
using System.Text.Json;
using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Types;

/// <summary>The scalars the product schema needs beyond the built-in ones.</summary>
public static class CustomScalars
{
    /// <summary>An instant as an RFC 3339 string with offset; internally a <see cref="DateTimeOffset"/>.</summary>
    public static ScalarType DateTime { get; } = new("DateTime", "An instant in time, as an RFC 3339 date-time string with an offset, e.g. `2026-01-31T12:00:00.000Z`.")
    {
        SpecifiedByUrl = "https://scalars.graphql.org/andimarek/date-time",
        Serialize = value => value switch
        {
            DateTimeOffset d => d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            System.DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? System.DateTime.SpecifyKind(d, DateTimeKind.Utc) : d)
                .ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            _ => throw new ScalarCoercionException($"DateTime cannot represent value: {Scalars.Inspect(value)}"),
        },
        ParseValue = value => ParseDate(value as string, value),
        ParseLiteral = node => ParseDate((node as StringValueNode)?.Value, Printer.Print(node)),
    };

    /// <summary>A 64-bit integer, as a JSON number.</summary>
    public static ScalarType Long { get; } = new("Long", "A 64-bit signed integer, written as a JSON number.")
    {
        Serialize = value => value switch
        {
            long => value,
            int or short or byte or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            decimal m when m == decimal.Truncate(m) && m is >= long.MinValue and <= long.MaxValue => (long)m,
            _ => throw new ScalarCoercionException($"Long cannot represent value: {Scalars.Inspect(value)}"),
        },
        ParseValue = value => value switch
        {
            long l => l,
            int i => (long)i,
            double d when d == Math.Floor(d) && Math.Abs(d) < 9.007199254740992E15 => (long)d,
            _ => throw new ScalarCoercionException($"Long cannot represent value: {Scalars.Inspect(value)}"),
        },
        ParseLiteral = node => node is IntValueNode i && long.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l
            : throw new ScalarCoercionException($"Long cannot represent value: {Printer.Print(node)}"),
    };

    /// <summary>An exact decimal number (money, costs), as a JSON number.</summary>
    public static ScalarType Decimal { get; } = new("Decimal", "An exact decimal number, written as a JSON number; strings are accepted as input.")
    {
        Serialize = value => value switch
        {
            decimal => value,
            int or long or short => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            double d when double.IsFinite(d) => (decimal)d,
            _ => throw new ScalarCoercionException($"Decimal cannot represent value: {Scalars.Inspect(value)}"),
        },
        ParseValue = value => value switch
        {
            decimal m => m,
            int i => (decimal)i,
            long l => (decimal)l,
            double d when double.IsFinite(d) => (decimal)d,
            string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => m,
            _ => throw new ScalarCoercionException($"Decimal cannot represent value: {Scalars.Inspect(value)}"),
        },
        ParseLiteral = node => node switch
        {
            IntValueNode i => decimal.Parse(i.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            FloatValueNode f => decimal.Parse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            StringValueNode s when decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => m,
            _ => throw new ScalarCoercionException($"Decimal cannot represent value: {Printer.Print(node)}"),
        },
    };

    /// <summary>Any JSON value (event properties, traits).</summary>
    public static ScalarType Json { get; } = new("JSON", "Any JSON value.")
    {
        SpecifiedByUrl = "https://www.rfc-editor.org/rfc/rfc8259",
        Serialize = value => value,
        ParseValue = value => value,
        ParseLiteral = LiteralToObject,
    };

    public static IReadOnlyList<ScalarType> All { get; } = [DateTime, Long, Decimal, Json];

    private static object ParseDate(string? text, object? shown) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) && text.Contains('T', StringComparison.Ordinal)
            ? value
            : throw new ScalarCoercionException($"DateTime cannot represent value: {(shown is string s && text is not null ? JsonSerializer.Serialize(s) : shown)}");

    private static object LiteralToObject(ValueNode node) => node switch
    {
        StringValueNode s => s.Value,
        BooleanValueNode b => b.Value,
        IntValueNode i => long.Parse(i.Value, CultureInfo.InvariantCulture),
        FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
        EnumValueNode e => e.Value,
        ListValueNode l => l.Values.Select(LiteralToObject).ToList(),
        ObjectValueNode o => o.Fields.ToDictionary(f => f.Name, f => (object?)LiteralToObject(f.Value)),
        NullValueNode => null!,
        _ => throw new ScalarCoercionException("JSON cannot represent a variable inside a literal."),
    };
}
