using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>
/// graphql-js's MaxIntrospectionDepthRule (part of its specified rules): nested introspection lists
/// (fields, interfaces, possibleTypes, inputFields) at most three deep, against hostile introspection.
/// </summary>
public sealed class MaxIntrospectionDepth : ValidationRule
{
    private const int MaxListsDepth = 3;

    public override void EnterField(ValidationContext context, FieldNode node)
    {
        if (node.Name is "__schema" or "__type" && Check(context, node, [], 0))
        {
            context.Report("Maximum introspection depth exceeded", node);
        }
    }

    private static bool Check(ValidationContext context, SelectionNode node, Dictionary<string, int> visited, int depth)
    {
        if (node is FragmentSpreadNode spread)
        {
            if (visited.TryGetValue(spread.Name, out var seenAt) && seenAt >= depth)
            {
                return false;
            }

            if (context.GetFragment(spread.Name) is not { } fragment)
            {
                return false;
            }

            visited[spread.Name] = depth;
            return CheckSet(context, fragment.SelectionSet, visited, depth);
        }

        if (node is FieldNode field && field.Name is "fields" or "interfaces" or "possibleTypes" or "inputFields")
        {
            depth++;
            if (depth >= MaxListsDepth)
            {
                return true;
            }
        }

        var set = node switch
        {
            FieldNode f => f.SelectionSet,
            InlineFragmentNode i => i.SelectionSet,
            _ => null,
        };
        return set is not null && CheckSet(context, set, visited, depth);
    }

    private static bool CheckSet(ValidationContext context, SelectionSetNode set, Dictionary<string, int> visited, int depth) =>
        set.Selections.Any(s => Check(context, s, visited, depth));
}
