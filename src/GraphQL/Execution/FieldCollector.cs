using Streaming.GraphQL.Introspection;
using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Execution;

/// <summary>Builds selection plans: CollectFields with @skip/@include, fragments and field merging.</summary>
internal sealed class FieldCollector(Schema schema, DocumentNode document, IReadOnlyDictionary<string, object?> variables)
{
    // Built on first use: a request whose plans are all cached never needs it.
    private Dictionary<string, FragmentDefinitionNode>? _fragments;

    private Dictionary<string, FragmentDefinitionNode> Fragments => _fragments ??= document.Definitions
        .OfType<FragmentDefinitionNode>()
        .GroupBy(f => f.Name)
        .ToDictionary(g => g.Key, g => g.First());

    public Schema Schema => schema;

    public SelectionPlan Collect(ObjectType type, SelectionSetNode selectionSet) => Build(type, [selectionSet]);

    public SelectionPlan Collect(ObjectType type, FieldNode[] fields)
    {
        var sets = new List<SelectionSetNode>(fields.Length);
        foreach (var field in fields)
        {
            if (field.SelectionSet is not null)
            {
                sets.Add(field.SelectionSet);
            }
        }

        return Build(type, sets);
    }

    private SelectionPlan Build(ObjectType type, List<SelectionSetNode> sets)
    {
        var grouped = new Dictionary<string, List<FieldNode>>();
        var order = new List<string>();
        HashSet<string>? visited = null;
        foreach (var set in sets)
        {
            CollectInto(type, set, grouped, order, ref visited);
        }

        var fields = new List<FieldPlan>(order.Count);
        foreach (var key in order)
        {
            var nodes = grouped[key];
            var definition = FindField(type, nodes[0].Name);
            if (definition is null)
            {
                continue;
            }

            var plan = new FieldPlan(key, definition, [.. nodes]);
            var usesVariables = nodes[0].Arguments.Any(a => ContainsVariable(a.Value));
            plan.ArgumentsNeedVariables = usesVariables;
            if (!usesVariables)
            {
                try
                {
                    plan.StaticArguments = InputCoercion.CoerceArgumentValues(definition.Arguments, nodes[0].Arguments, null, document.Source, nodes[0]);
                }
                catch (FieldErrorException)
                {
                    plan.ArgumentsNeedVariables = true;
                }
            }

            fields.Add(plan);
        }

        return new SelectionPlan(type, [.. fields]);
    }

    public FieldDefinition? FindField(ComplexType type, string name)
    {
        if (name == "__typename")
        {
            return IntrospectionTypes.TypeNameField;
        }

        if (type == schema.Query)
        {
            if (name == "__schema")
            {
                return IntrospectionTypes.SchemaField;
            }

            if (name == "__type")
            {
                return IntrospectionTypes.TypeField;
            }
        }

        return type.FindField(name);
    }

    private void CollectInto(ObjectType type, SelectionSetNode set, Dictionary<string, List<FieldNode>> grouped, List<string> order, ref HashSet<string>? visited)
    {
        foreach (var selection in set.Selections)
        {
            if (!ShouldInclude(selection.Directives))
            {
                continue;
            }

            switch (selection)
            {
                case FieldNode field:
                    var key = field.ResponseKey;
                    if (!grouped.TryGetValue(key, out var list))
                    {
                        grouped[key] = list = new List<FieldNode>(1);
                        order.Add(key);
                    }

                    list.Add(field);
                    break;
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is null || Applies(inline.TypeCondition.Name, type))
                    {
                        CollectInto(type, inline.SelectionSet, grouped, order, ref visited);
                    }

                    break;
                case FragmentSpreadNode spread:
                    visited ??= [];
                    if (!visited.Add(spread.Name) || !Fragments.TryGetValue(spread.Name, out var fragment))
                    {
                        continue;
                    }

                    if (Applies(fragment.TypeCondition.Name, type))
                    {
                        CollectInto(type, fragment.SelectionSet, grouped, order, ref visited);
                    }

                    break;
            }
        }
    }

    private bool Applies(string typeCondition, ObjectType type)
    {
        var conditional = schema.FindType(typeCondition);
        return conditional is not null && schema.IsPossibleType(conditional, type);
    }

    /// <summary>https://spec.graphql.org/October2021/#sec--skip and #sec--include</summary>
    private bool ShouldInclude(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            if (directive.Name is not ("skip" or "include"))
            {
                continue;
            }

            var argument = directive.Arguments.FirstOrDefault(a => a.Name == "if");
            if (argument is null || !InputCoercion.TryValueFromAst(argument.Value, Scalars.Boolean.NonNull(), variables, out var value))
            {
                continue;
            }

            if (directive.Name == "skip" && value is true)
            {
                return false;
            }

            if (directive.Name == "include" && value is false)
            {
                return false;
            }
        }

        return true;
    }

    public static bool ContainsVariable(ValueNode value) => value switch
    {
        VariableNode => true,
        ListValueNode list => list.Values.Any(ContainsVariable),
        ObjectValueNode obj => obj.Fields.Any(f => ContainsVariable(f.Value)),
        _ => false,
    };

    /// <summary>Whether any @skip/@include in the document reads a variable (then plans are built per request).</summary>
    public static bool HasVariableDirectives(DocumentNode document)
    {
        return document.Definitions.Any(d => d switch
        {
            OperationDefinitionNode o => Scan(o.SelectionSet),
            FragmentDefinitionNode f => Scan(f.SelectionSet),
            _ => false,
        });

        static bool Scan(SelectionSetNode? set) => set is not null && set.Selections.Any(s =>
            s.Directives.Any(d => d.Arguments.Any(a => ContainsVariable(a.Value)))
            || s switch
            {
                FieldNode f => Scan(f.SelectionSet),
                InlineFragmentNode i => Scan(i.SelectionSet),
                _ => false,
            });
    }

    public Source Source => document.Source;
}
