using System.Globalization;
using System.Text.Json;
using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Types;

/// <summary>The built-in scalars (https://spec.graphql.org/October2021/#sec-Scalars.Built-in-Scalars), coercing like graphql-js.</summary>
public static class Scalars
{
    public static ScalarType Int { get; } = new("Int", "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.")
    {
        Serialize = value => value switch
        {
            int => value,
            short or byte or sbyte or ushort => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            uint u when u <= int.MaxValue => (int)u,
            bool b => b ? 1 : 0,
            double d when IsInt(d) => (int)d,
            float f when IsInt(f) => (int)f,
            decimal m when m == decimal.Truncate(m) && m is >= int.MinValue and <= int.MaxValue => (int)m,
            string s when int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new ScalarCoercionException($"Int cannot represent non-integer value: {Inspect(value)}"),
        },
        ParseValue = value => value switch
        {
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            double d when IsInt(d) => (int)d,
            long or double => throw new ScalarCoercionException($"Int cannot represent non 32-bit signed integer value: {Inspect(value)}"),
            _ => throw new ScalarCoercionException($"Int cannot represent non-integer value: {Inspect(value)}"),
        },
        ParseLiteral = node => node is IntValueNode i
            ? int.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new ScalarCoercionException($"Int cannot represent non 32-bit signed integer value: {i.Value}")
            : throw new ScalarCoercionException($"Int cannot represent non-integer value: {Printer.Print(node)}"),
    };

    public static ScalarType Float { get; } = new("Float", "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).")
    {
        Serialize = value => value switch
        {
            double d when double.IsFinite(d) => value,
            float f when float.IsFinite(f) => (double)f,
            int or long or short or byte or decimal or uint => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            bool b => b ? 1.0 : 0.0,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new ScalarCoercionException($"Float cannot represent non numeric value: {Inspect(value)}"),
        },
        ParseValue = value => value switch
        {
            double d => d,
            int i => (double)i,
            long l => (double)l,
            _ => throw new ScalarCoercionException($"Float cannot represent non numeric value: {Inspect(value)}"),
        },
        ParseLiteral = node => node switch
        {
            FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
            IntValueNode i => double.Parse(i.Value, CultureInfo.InvariantCulture),
            _ => throw new ScalarCoercionException($"Float cannot represent non numeric value: {Printer.Print(node)}"),
        },
    };

    public static ScalarType String { get; } = new("String", "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.")
    {
        Serialize = value => value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            int or long or double or decimal or float or short => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            Guid g => g.ToString(),
            _ => throw new ScalarCoercionException($"String cannot represent value: {Inspect(value)}"),
        },
        ParseValue = value => value as string ?? throw new ScalarCoercionException($"String cannot represent a non string value: {Inspect(value)}"),
        ParseLiteral = node => node is StringValueNode s ? s.Value : throw new ScalarCoercionException($"String cannot represent a non string value: {Printer.Print(node)}"),
    };

    public static ScalarType Boolean { get; } = new("Boolean", "The `Boolean` scalar type represents `true` or `false`.")
    {
        Serialize = value => value switch
        {
            bool => value,
            int i => i != 0,
            double d when double.IsFinite(d) => d != 0,
            _ => throw new ScalarCoercionException($"Boolean cannot represent a non boolean value: {Inspect(value)}"),
        },
        ParseValue = value => value as bool? ?? throw new ScalarCoercionException($"Boolean cannot represent a non boolean value: {Inspect(value)}"),
        ParseLiteral = node => node is BooleanValueNode b ? b.Value : throw new ScalarCoercionException($"Boolean cannot represent a non boolean value: {Printer.Print(node)}"),
    };

    public static ScalarType ID { get; } = new("ID", "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.")
    {
        Serialize = value => value switch
        {
            string s => s,
            int or long or short or uint or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            Guid g => g.ToString(),
            _ => throw new ScalarCoercionException($"ID cannot represent value: {Inspect(value)}"),
        },
        ParseValue = value => value switch
        {
            string s => s,
            int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            double d when IsInt(d) => ((long)d).ToString(CultureInfo.InvariantCulture),
            _ => throw new ScalarCoercionException($"ID cannot represent value: {Inspect(value)}"),
        },
        ParseLiteral = node => node switch
        {
            StringValueNode s => s.Value,
            IntValueNode i => i.Value,
            _ => throw new ScalarCoercionException($"ID cannot represent a non-string and non-integer value: {Printer.Print(node)}"),
        },
    };

    public static IReadOnlyList<ScalarType> BuiltIn { get; } = [String, Int, Float, Boolean, ID];

    private static bool IsInt(double d) => double.IsFinite(d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue;

    /// <summary>A value as graphql-js's inspect shows it in messages.</summary>
    internal static string Inspect(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary<string, object?> d => "{ " + string.Join(", ", d.Select(kv => kv.Key + ": " + Inspect(kv.Value))) + " }",
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Inspect)) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
