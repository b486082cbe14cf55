using System.Collections;
using System.Globalization;
using Streaming.GraphQL.Language;

namespace Streaming.GraphQL.Types;

/// <summary>An internal input value as a GraphQL literal (graphql-js's astFromValue then print), for defaults.</summary>
public static class ValuePrinter
{
    public static string? Print(object? value, GraphQLType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        switch (type)
        {
            case NonNullType nonNull:
                return value is null ? null : Print(value, nonNull.OfType);
            case ListType list:
                if (value is null)
                {
                    return "null";
                }

                if (value is IEnumerable items and not string and not IDictionary)
                {
                    return "[" + string.Join(", ", items.Cast<object?>().Select(i => Print(i, list.OfType)).Where(s => s is not null)) + "]";
                }

                return Print(value, list.OfType);
        }

        if (value is null)
        {
            return "null";
        }

        switch (type)
        {
            case InputObjectType input when value is IDictionary<string, object?> fields:
                var printed = input.Fields.Where(f => fields.ContainsKey(f.Name))
                    .Select(f => (f.Name, Text: Print(fields[f.Name], f.Type)))
                    .Where(f => f.Text is not null)
                    .Select(f => f.Name + ": " + f.Text);
                return "{" + string.Join(", ", printed) + "}";
            case EnumType e:
                return e.FindByValue(value)?.Name;
            case ScalarType scalar:
                var serialized = scalar.Serialize(value);
                return serialized switch
                {
                    bool b => b ? "true" : "false",
                    string s when scalar == Scalars.ID && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _) => s,
                    string s => Printer.PrintString(s),
                    int or long or decimal => Convert.ToString(serialized, CultureInfo.InvariantCulture),
                    double d => d == Math.Floor(d) && Math.Abs(d) < 1e21 ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
                    _ => Printer.PrintString(Convert.ToString(serialized, CultureInfo.InvariantCulture) ?? string.Empty),
                };
            default:
                return null;
        }
    }
}
