using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Single-root-field</summary>
public sealed class SingleFieldSubscriptions : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (node.Operation != OperationType.Subscription || context.Schema.Subscription is not { } root)
        {
            return;
        }

        var grouped = new Dictionary<string, List<FieldNode>>();
        var order = new List<string>();
        Collect(context, root, node.SelectionSet, grouped, order, []);
        var name = node.Name is null ? "Anonymous Subscription" : $"Subscription \"{node.Name}\"";
        if (order.Count > 1)
        {
            context.Report($"{name} must select only one top level field.", [.. order.Skip(1).SelectMany(k => grouped[k])]);
        }

        foreach (var key in order)
        {
            var fields = grouped[key];
            if (fields[0].Name.StartsWith("__", StringComparison.Ordinal))
            {
                context.Report($"{name} must not select an introspection top level field.", [.. fields]);
            }
        }
    }

    private static void Collect(ValidationContext context, ObjectType type, SelectionSetNode set, Dictionary<string, List<FieldNode>> grouped, List<string> order, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            if (selection.Directives.Any(d => (d.Name == "skip" && IsLiteral(d, true)) || (d.Name == "include" && IsLiteral(d, false))))
            {
                continue;
            }

            switch (selection)
            {
                case FieldNode field:
                    if (!grouped.TryGetValue(field.ResponseKey, out var list))
                    {
                        grouped[field.ResponseKey] = list = [];
                        order.Add(field.ResponseKey);
                    }

                    list.Add(field);
                    break;
                case InlineFragmentNode inline when inline.TypeCondition is null || Applies(context, inline.TypeCondition.Name, type):
                    Collect(context, type, inline.SelectionSet, grouped, order, visited);
                    break;
                case FragmentSpreadNode spread when visited.Add(spread.Name) && context.GetFragment(spread.Name) is { } fragment && Applies(context, fragment.TypeCondition.Name, type):
                    Collect(context, type, fragment.SelectionSet, grouped, order, visited);
                    break;
            }
        }
    }

    private static bool IsLiteral(DirectiveNode directive, bool value) =>
        directive.Arguments.FirstOrDefault(a => a.Name == "if")?.Value is BooleanValueNode b && b.Value == value;

    private static bool Applies(ValidationContext context, string condition, ObjectType type) =>
        context.Schema.FindType(condition) is { } t && context.Schema.IsPossibleType(t, type);
}
