using System.Text;
using Streaming.GraphQL.Introspection;
using Streaming.GraphQL.Language;

namespace Streaming.GraphQL.Types;

/// <summary>Prints a schema as SDL, exactly as graphql-js's printSchema prints the same schema.</summary>
public static class SchemaPrinter
{
    public static string Print(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var parts = new List<string>();
        var definition = PrintSchemaDefinition(schema);
        if (definition is not null)
        {
            parts.Add(definition);
        }

        parts.AddRange(schema.Directives.Where(d => !DirectiveDefinition.Specified.Contains(d)).Select(PrintDirective));
        parts.AddRange(schema.Types.Where(t => !IsBuiltIn(t)).Select(PrintType));
        return string.Join("\n\n", parts);
    }

    public static bool IsBuiltIn(NamedType type) =>
        IntrospectionTypes.IsIntrospectionType(type) || (type is ScalarType s && Scalars.BuiltIn.Contains(s));

    private static string? PrintSchemaDefinition(Schema schema)
    {
        var common = schema.Query.Name == "Query" && (schema.Mutation?.Name ?? "Mutation") == "Mutation"
            && (schema.Subscription?.Name ?? "Subscription") == "Subscription";
        if (schema.Description is null && common)
        {
            return null;
        }

        var builder = new StringBuilder(Description(schema.Description)).Append("schema {\n  query: ").Append(schema.Query.Name);
        if (schema.Mutation is not null)
        {
            builder.Append("\n  mutation: ").Append(schema.Mutation.Name);
        }

        if (schema.Subscription is not null)
        {
            builder.Append("\n  subscription: ").Append(schema.Subscription.Name);
        }

        return builder.Append("\n}").ToString();
    }

    private static string PrintType(NamedType type) => type switch
    {
        ScalarType s => Description(s.Description) + "scalar " + s.Name + (s.SpecifiedByUrl is null ? string.Empty : $" @specifiedBy(url: {Printer.PrintString(s.SpecifiedByUrl)})"),
        ObjectType o => Description(o.Description) + "type " + o.Name + Implements(o) + Fields(o),
        InterfaceType i => Description(i.Description) + "interface " + i.Name + Implements(i) + Fields(i),
        UnionType u => Description(u.Description) + "union " + u.Name + (u.Types.Any() ? " = " + string.Join(" | ", u.Types.Select(t => t.Name)) : string.Empty),
        EnumType e => Description(e.Description) + "enum " + e.Name + Block(e.Values.Select((v, i) => Description(v.Description, "  ", i == 0) + "  " + v.Name + Deprecated(v.DeprecationReason))),
        InputObjectType input => Description(input.Description) + "input " + input.Name + (input.IsOneOf ? " @oneOf" : string.Empty)
            + Block(input.Fields.Select((f, i) => Description(f.Description, "  ", i == 0) + "  " + InputValue(f))),
        _ => throw new ArgumentException("Unknown type " + type.Name, nameof(type)),
    };

    private static string Implements(ComplexType type) =>
        type.Interfaces.Any() ? " implements " + string.Join(" & ", type.Interfaces.Select(i => i.Name)) : string.Empty;

    private static string Fields(ComplexType type) => Block(type.Fields.Select((f, i) =>
        Description(f.Description, "  ", i == 0) + "  " + f.Name + Arguments(f.Arguments, "  ") + ": " + f.Type + Deprecated(f.DeprecationReason)));

    private static string Block(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? string.Empty : " {\n" + string.Join("\n", list) + "\n}";
    }

    private static string Arguments(IReadOnlyList<InputValueDefinition> arguments, string indentation = "")
    {
        if (arguments.Count == 0)
        {
            return string.Empty;
        }

        if (arguments.All(a => string.IsNullOrEmpty(a.Description)))
        {
            return "(" + string.Join(", ", arguments.Select(InputValue)) + ")";
        }

        return "(\n" + string.Join("\n", arguments.Select((a, i) => Description(a.Description, "  " + indentation, i == 0) + "  " + indentation + InputValue(a)))
            + "\n" + indentation + ")";
    }

    private static string InputValue(InputValueDefinition value)
    {
        var text = value.Name + ": " + value.Type;
        if (value.HasDefaultValue)
        {
            var literal = ValuePrinter.Print(value.DefaultValue, value.Type);
            if (literal is not null)
            {
                text += " = " + literal;
            }
        }

        return text + Deprecated(value.DeprecationReason);
    }

    private static string PrintDirective(DirectiveDefinition directive) =>
        Description(directive.Description) + "directive @" + directive.Name + Arguments(directive.Arguments)
        + (directive.IsRepeatable ? " repeatable" : string.Empty) + " on " + string.Join(" | ", directive.Locations);

    private static string Deprecated(string? reason) => reason switch
    {
        null => string.Empty,
        DirectiveDefinition.DefaultDeprecationReason => " @deprecated",
        _ => $" @deprecated(reason: {Printer.PrintString(reason)})",
    };

    private static string Description(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null)
        {
            return string.Empty;
        }

        var text = BlockString.IsPrintable(description) ? BlockString.Print(description) : Printer.PrintString(description);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + text.Replace("\n", "\n" + indentation, StringComparison.Ordinal) + "\n";
    }
}
