using System.Globalization;
using System.Text;
using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Language;

/// <summary>Prints syntax trees back to GraphQL text, in graphql-js's <c>print</c> format.</summary>
public static class Printer
{
    private const int MaxLineLength = 80;

    public static string Print(Node node) => node switch
    {
        DocumentNode d => string.Join("\n\n", d.Definitions.Select(Print)),
        OperationDefinitionNode o => PrintOperation(o),
        FragmentDefinitionNode f => $"fragment {f.Name} on {f.TypeCondition.Name} {Wrap(string.Empty, Join(f.Directives.Select(Print), " "), " ")}{Print(f.SelectionSet)}",
        TypeSystemDefinitionNode t => t.Keyword + (t.Name is null ? string.Empty : " " + t.Name),
        VariableDefinitionNode v => $"${v.Variable.Name}: {Print(v.Type)}{(v.DefaultValue is null ? string.Empty : " = " + Print(v.DefaultValue))}{Wrap(" ", Join(v.Directives.Select(Print), " "))}",
        SelectionSetNode s => Block(s.Selections.Select(Print)),
        FieldNode f => PrintField(f),
        FragmentSpreadNode s => "..." + s.Name + Wrap(" ", Join(s.Directives.Select(Print), " ")),
        InlineFragmentNode i => Join(["...", i.TypeCondition is null ? string.Empty : "on " + i.TypeCondition.Name, Join(i.Directives.Select(Print), " "), Print(i.SelectionSet)], " "),
        ArgumentNode a => a.Name + ": " + Print(a.Value),
        DirectiveNode d => "@" + d.Name + Wrap("(", Join(d.Arguments.Select(Print), ", "), ")"),
        NamedTypeNode n => n.Name,
        ListTypeNode l => "[" + Print(l.Type) + "]",
        NonNullTypeNode n => Print(n.Type) + "!",
        VariableNode v => "$" + v.Name,
        IntValueNode i => i.Value,
        FloatValueNode f => f.Value,
        StringValueNode s => s.Block ? BlockString.Print(s.Value) : PrintString(s.Value),
        BooleanValueNode b => b.Value ? "true" : "false",
        NullValueNode => "null",
        EnumValueNode e => e.Value,
        ListValueNode l => "[" + Join(l.Values.Select(Print), ", ") + "]",
        ObjectValueNode o => "{" + Join(o.Fields.Select(Print), ", ") + "}",
        ObjectFieldNode f => f.Name + ": " + Print(f.Value),
        _ => throw new ArgumentException("Unknown node " + node?.GetType().Name, nameof(node)),
    };

    /// <summary>A string literal with graphql-js's escapes.</summary>
    public static string PrintString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ' or (>= '\u007f' and <= '\u009f'):
                    builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string PrintOperation(OperationDefinitionNode o)
    {
        var operation = o.Operation switch
        {
            OperationType.Mutation => "mutation",
            OperationType.Subscription => "subscription",
            _ => "query",
        };
        var variables = Wrap("(", Join(o.VariableDefinitions.Select(Print), ", "), ")");
        var prefix = Join([operation, Join([o.Name ?? string.Empty, variables], string.Empty), Join(o.Directives.Select(Print), " ")], " ");
        return (prefix == "query" ? string.Empty : prefix + " ") + Print(o.SelectionSet);
    }

    private static string PrintField(FieldNode f)
    {
        var prefix = (f.Alias is null ? string.Empty : f.Alias + ": ") + f.Name;
        var args = f.Arguments.Select(Print).ToList();
        var argsLine = prefix + Wrap("(", Join(args, ", "), ")");
        if (argsLine.Length > MaxLineLength)
        {
            argsLine = prefix + Wrap("(\n", Indent(Join(args, "\n")), "\n)");
        }

        return Join([argsLine, Join(f.Directives.Select(Print), " "), f.SelectionSet is null ? string.Empty : Print(f.SelectionSet)], " ");
    }

    private static string Join(IEnumerable<string> parts, string separator) =>
        string.Join(separator, parts.Where(p => p.Length > 0));

    private static string Wrap(string start, string value, string end = "") => value.Length > 0 ? start + value + end : string.Empty;

    private static string Block(IEnumerable<string> items)
    {
        var body = Join(items, "\n");
        return body.Length > 0 ? "{\n" + Indent(body) + "\n}" : string.Empty;
    }

    private static string Indent(string text) => "  " + text.Replace("\n", "\n  ", StringComparison.Ordinal);
}
