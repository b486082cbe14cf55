using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Execution;

/// <summary>
/// What one request may ask of the engine. Before parsing: the document's size in UTF-8 bytes. During
/// validation, before the spec rules: the fields and aliases of each operation, fragments expanded
/// (<see cref="Validation.Rules.MaxFieldsAndAliases"/>). After validation, before execution: the
/// selection depth and the cost. Cost: each field adds its <see cref="Types.FieldDefinition.Cost"/>; a
/// list field multiplies its children by its <c>first</c>/<c>limit</c>/<c>last</c> argument, or by
/// <see cref="DefaultListSize"/>. Introspection fields count like any other: the introspection query
/// GraphiQL sends costs 51,863 with any schema (IntrospectionCostTests), which the default leaves room for.
/// </summary>
public sealed record ExecutionLimits
{
    public int MaxDocumentBytes { get; init; } = 128 * 1024;

    public int MaxFields { get; init; } = 1000;

    public int MaxAliases { get; init; } = 100;

    public int MaxDepth { get; init; } = 20;

    public long MaxCost { get; init; } = 100_000;

    public int DefaultListSize { get; init; } = 10;

    internal GraphQLError? Check(Types.Schema schema, DocumentNode document, OperationDefinitionNode operation, IReadOnlyDictionary<string, object?> variables)
    {
        var fragments = document.Definitions.OfType<FragmentDefinitionNode>().GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First());
        var depth = Depth(operation.SelectionSet, fragments, 0, []);
        if (depth > MaxDepth)
        {
            return GraphQLError.At($"Query depth {depth} exceeds the maximum depth of {MaxDepth}.", document.Source, operation);
        }

        var root = schema.RootType(operation.Operation);
        var cost = root is null ? 0 : Cost(schema, root, operation.SelectionSet, fragments, variables, []);
        return cost > MaxCost
            ? GraphQLError.At($"Query cost {cost} exceeds the maximum cost of {MaxCost}.", document.Source, operation)
            : null;
    }

    private static int Depth(SelectionSetNode set, Dictionary<string, FragmentDefinitionNode> fragments, int depth, HashSet<string> visiting)
    {
        var max = depth;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode { SelectionSet: { } child }:
                    max = Math.Max(max, Depth(child, fragments, depth + 1, visiting));
                    break;
                case FieldNode:
                    max = Math.Max(max, depth + 1);
                    break;
                case InlineFragmentNode inline:
                    max = Math.Max(max, Depth(inline.SelectionSet, fragments, depth, visiting));
                    break;
                case FragmentSpreadNode spread when fragments.TryGetValue(spread.Name, out var fragment) && visiting.Add(spread.Name):
                    max = Math.Max(max, Depth(fragment.SelectionSet, fragments, depth, visiting));
                    visiting.Remove(spread.Name);
                    break;
            }
        }

        return max;
    }

    private long Cost(Types.Schema schema, Types.NamedType parent, SelectionSetNode set, Dictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables, HashSet<string> visiting)
    {
        long total = 0;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    var definition = FindField(schema, parent, field.Name);
                    if (definition is null)
                    {
                        break;
                    }

                    long own = definition.Cost;
                    if (field.SelectionSet is not null)
                    {
                        var children = Cost(schema, definition.Type.Named, field.SelectionSet, fragments, variables, visiting);
                        own += children * (IsList(definition.Type) ? ListSize(field, variables) : 1);
                    }

                    total += own;
                    break;
                case InlineFragmentNode inline:
                    var type = inline.TypeCondition is null ? parent : schema.FindType(inline.TypeCondition.Name) ?? parent;
                    total += Cost(schema, type, inline.SelectionSet, fragments, variables, visiting);
                    break;
                case FragmentSpreadNode spread when fragments.TryGetValue(spread.Name, out var fragment) && visiting.Add(spread.Name):
                    total += Cost(schema, schema.FindType(fragment.TypeCondition.Name) ?? parent, fragment.SelectionSet, fragments, variables, visiting);
                    visiting.Remove(spread.Name);
                    break;
            }

            if (total > MaxCost)
            {
                return total;
            }
        }

        return total;
    }

    /// <summary>A field of the parent type, or one of the meta-fields (__typename, and __schema/__type on the query root).</summary>
    private static Types.FieldDefinition? FindField(Types.Schema schema, Types.NamedType parent, string name) => name switch
    {
        "__typename" => Introspection.IntrospectionTypes.TypeNameField,
        "__schema" when parent == schema.Query => Introspection.IntrospectionTypes.SchemaField,
        "__type" when parent == schema.Query => Introspection.IntrospectionTypes.TypeField,
        _ => (parent as Types.ComplexType)?.FindField(name),
    };

    private static bool IsList(Types.GraphQLType type) => type.NullableType is Types.ListType;

    private long ListSize(FieldNode field, IReadOnlyDictionary<string, object?> variables)
    {
        foreach (var argument in field.Arguments)
        {
            if (argument.Name is "first" or "last" or "limit")
            {
                var value = argument.Value switch
                {
                    IntValueNode i => long.TryParse(i.Value, out var l) ? l : (long?)null,
                    VariableNode v when variables.TryGetValue(v.Name, out var raw) && raw is int or long => Convert.ToInt64(raw, System.Globalization.CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (value is { } size)
                {
                    return Math.Max(1, size);
                }
            }
        }

        return DefaultListSize;
    }
}
