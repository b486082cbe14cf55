using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>
/// https://spec.graphql.org/October2021/#sec-Field-Selection-Merging, following graphql-js's algorithm
/// (fields within a set, fields against fragments, fragments against fragments, memoized pairs).
/// </summary>
public sealed class OverlappingFieldsCanBeMerged : ValidationRule
{
    private readonly HashSet<SelectionSetNode> _inlineSets = [];
    private readonly Dictionary<SelectionSetNode, Collected> _cache = [];
    private readonly Dictionary<(string, string), bool> _comparedFragmentPairs = [];
    private ValidationContext _context = null!;

    private sealed record FieldDetail(NamedType? ParentType, FieldNode Node, FieldDefinition? Definition)
    {
        public bool IsSimpleLeaf => Node.Arguments.Count == 0 && Node.SelectionSet is null;
    }

    private sealed class Collected
    {
        public Dictionary<string, List<FieldDetail>> Fields { get; } = [];

        public List<string> Order { get; } = [];

        public List<string> FragmentNames { get; } = [];

        public Dictionary<string, bool> ComparedFragments { get; } = [];
    }

    private sealed record Conflict(string ResponseName, string Reason, List<FieldNode> Fields1, List<FieldNode> Fields2);

    public override void EnterInlineFragment(ValidationContext context, InlineFragmentNode node) => _inlineSets.Add(node.SelectionSet);

    public override void EnterSelectionSet(ValidationContext context, SelectionSetNode node)
    {
        _context = context;
        if (_inlineSets.Contains(node) || (node.Selections.Count <= 1 && (node.Selections.Count == 0 || node.Selections[0] is not InlineFragmentNode)))
        {
            return;
        }

        foreach (var conflict in FindWithin(context.ParentType, node))
        {
            context.Report($"Fields \"{conflict.ResponseName}\" conflict because {conflict.Reason}. Use different aliases on the fields to fetch both if this was intentional.",
                [.. conflict.Fields1.Concat(conflict.Fields2)]);
        }
    }

    private List<Conflict> FindWithin(NamedType? parentType, SelectionSetNode set)
    {
        var conflicts = new List<Conflict>();
        var collected = Collect(parentType, set);
        foreach (var key in collected.Order)
        {
            var fields = collected.Fields[key];
            for (var i = 0; i < fields.Count; i++)
            {
                for (var j = i + 1; j < fields.Count; j++)
                {
                    if (FindConflict(false, key, fields[i], fields[j]) is { } conflict)
                    {
                        conflicts.Add(conflict);
                    }
                }
            }
        }

        if (collected.FragmentNames.Count != 0 && (collected.Fields.Count != 0 || collected.FragmentNames.Count > 1))
        {
            for (var i = 0; i < collected.FragmentNames.Count; i++)
            {
                BetweenFieldsAndFragment(conflicts, false, collected, collected.FragmentNames[i]);
                for (var j = i + 1; j < collected.FragmentNames.Count; j++)
                {
                    BetweenFragments(conflicts, false, collected.FragmentNames[i], collected.FragmentNames[j]);
                }
            }
        }

        return conflicts;
    }

    private void BetweenFieldsAndFragment(List<Conflict> conflicts, bool exclusive, Collected collected, string fragmentName)
    {
        if (collected.Fields.Count == 0)
        {
            return;
        }

        if (collected.ComparedFragments.TryGetValue(fragmentName, out var compared) && (!compared || exclusive))
        {
            return;
        }

        collected.ComparedFragments[fragmentName] = exclusive;
        if (_context.GetFragment(fragmentName) is not { } fragment)
        {
            return;
        }

        var other = FragmentFields(fragment);
        if (ReferenceEquals(collected, other))
        {
            return;
        }

        Between(conflicts, exclusive, collected, other);
        foreach (var referenced in other.FragmentNames)
        {
            BetweenFieldsAndFragment(conflicts, exclusive, collected, referenced);
        }
    }

    private void BetweenFragments(List<Conflict> conflicts, bool exclusive, string name1, string name2)
    {
        if (name1 == name2)
        {
            return;
        }

        // graphql-js's PairSet: an exclusive comparison is covered by any earlier one, a non-exclusive only by a non-exclusive one.
        var key = string.CompareOrdinal(name1, name2) < 0 ? (name1, name2) : (name2, name1);
        if (_comparedFragmentPairs.TryGetValue(key, out var stored) && (exclusive || !stored))
        {
            return;
        }

        _comparedFragmentPairs[key] = exclusive;
        if (_context.GetFragment(name1) is not { } fragment1 || _context.GetFragment(name2) is not { } fragment2)
        {
            return;
        }

        var collected1 = FragmentFields(fragment1);
        var collected2 = FragmentFields(fragment2);
        Between(conflicts, exclusive, collected1, collected2);
        foreach (var referenced in collected2.FragmentNames)
        {
            BetweenFragments(conflicts, exclusive, name1, referenced);
        }

        foreach (var referenced in collected1.FragmentNames)
        {
            BetweenFragments(conflicts, exclusive, referenced, name2);
        }
    }

    private List<Conflict> BetweenSubSelections(bool exclusive, NamedType? parent1, SelectionSetNode set1, NamedType? parent2, SelectionSetNode set2)
    {
        var conflicts = new List<Conflict>();
        var collected1 = Collect(parent1, set1);
        var collected2 = Collect(parent2, set2);
        Between(conflicts, exclusive, collected1, collected2);
        foreach (var name in collected2.FragmentNames)
        {
            BetweenFieldsAndFragment(conflicts, exclusive, collected1, name);
        }

        foreach (var name in collected1.FragmentNames)
        {
            BetweenFieldsAndFragment(conflicts, exclusive, collected2, name);
        }

        foreach (var name1 in collected1.FragmentNames)
        {
            foreach (var name2 in collected2.FragmentNames)
            {
                BetweenFragments(conflicts, exclusive, name1, name2);
            }
        }

        return conflicts;
    }

    private void Between(List<Conflict> conflicts, bool exclusive, Collected collected1, Collected collected2)
    {
        foreach (var key in collected1.Order)
        {
            if (!collected2.Fields.TryGetValue(key, out var fields2))
            {
                continue;
            }

            foreach (var field1 in collected1.Fields[key])
            {
                foreach (var field2 in fields2)
                {
                    if (FindConflict(exclusive, key, field1, field2) is { } conflict)
                    {
                        conflicts.Add(conflict);
                    }
                }
            }
        }
    }

    private Conflict? FindConflict(bool parentsExclusive, string responseName, FieldDetail field1, FieldDetail field2)
    {
        var exclusive = parentsExclusive || (field1.ParentType != field2.ParentType && field1.ParentType is ObjectType && field2.ParentType is ObjectType);
        var type1 = field1.Definition?.Type;
        var type2 = field2.Definition?.Type;
        if (field1.IsSimpleLeaf && field2.IsSimpleLeaf && SameType(type1, type2) && field1.Node.Name == field2.Node.Name)
        {
            return null;
        }

        if (!exclusive)
        {
            if (field1.Node.Name != field2.Node.Name)
            {
                return new Conflict(responseName, $"\"{field1.Node.Name}\" and \"{field2.Node.Name}\" are different fields", [field1.Node], [field2.Node]);
            }

            if (!SameArguments(field1.Node.Arguments, field2.Node.Arguments))
            {
                return new Conflict(responseName, "they have differing arguments", [field1.Node], [field2.Node]);
            }
        }

        if (type1 is not null && type2 is not null && TypesConflict(type1, type2))
        {
            return new Conflict(responseName, $"they return conflicting types \"{type1}\" and \"{type2}\"", [field1.Node], [field2.Node]);
        }

        if (field1.Node.SelectionSet is { } set1 && field2.Node.SelectionSet is { } set2)
        {
            var sub = BetweenSubSelections(exclusive, type1?.Named, set1, type2?.Named, set2);
            if (sub.Count > 0)
            {
                var reason = string.Join(" and ", sub.Select(c => $"subfields \"{c.ResponseName}\" conflict because {c.Reason}"));
                return new Conflict(responseName, reason,
                    [field1.Node, .. sub.SelectMany(c => c.Fields1)],
                    [field2.Node, .. sub.SelectMany(c => c.Fields2)]);
            }
        }

        return null;
    }

    private static bool SameType(GraphQLType? a, GraphQLType? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.Named == b.Named && a.ToString() == b.ToString());

    private static bool SameArguments(IReadOnlyList<ArgumentNode> arguments1, IReadOnlyList<ArgumentNode> arguments2)
    {
        if (arguments1.Count != arguments2.Count)
        {
            return false;
        }

        return arguments1.All(a1 => arguments2.FirstOrDefault(a2 => a2.Name == a1.Name) is { } a2 && Printer.Print(a1.Value) == Printer.Print(a2.Value));
    }

    private static bool TypesConflict(GraphQLType type1, GraphQLType type2)
    {
        if (type1 is ListType list1)
        {
            return type2 is not ListType list2 || TypesConflict(list1.OfType, list2.OfType);
        }

        if (type2 is ListType)
        {
            return true;
        }

        if (type1 is NonNullType nonNull1)
        {
            return type2 is not NonNullType nonNull2 || TypesConflict(nonNull1.OfType, nonNull2.OfType);
        }

        if (type2 is NonNullType)
        {
            return true;
        }

        if (type1 is ScalarType or EnumType || type2 is ScalarType or EnumType)
        {
            return type1 != type2;
        }

        return false;
    }

    private Collected FragmentFields(FragmentDefinitionNode fragment) =>
        Collect(InputCoercion.TypeFromAst(_context.Schema, fragment.TypeCondition)?.Named, fragment.SelectionSet);

    private Collected Collect(NamedType? parentType, SelectionSetNode set)
    {
        if (_cache.TryGetValue(set, out var cached))
        {
            return cached;
        }

        var collected = new Collected();
        CollectInto(parentType, set, collected);
        _cache[set] = collected;
        return collected;
    }

    private void CollectInto(NamedType? parentType, SelectionSetNode set, Collected collected)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    var definition = (parentType as ComplexType)?.FindField(field.Name);
                    if (!collected.Fields.TryGetValue(field.ResponseKey, out var list))
                    {
                        collected.Fields[field.ResponseKey] = list = [];
                        collected.Order.Add(field.ResponseKey);
                    }

                    list.Add(new FieldDetail(parentType, field, definition));
                    break;
                case FragmentSpreadNode spread:
                    if (!collected.FragmentNames.Contains(spread.Name))
                    {
                        collected.FragmentNames.Add(spread.Name);
                    }

                    break;
                case InlineFragmentNode inline:
                    var type = inline.TypeCondition is null ? parentType : _context.Schema.FindType(inline.TypeCondition.Name);
                    CollectInto(type, inline.SelectionSet, collected);
                    break;
            }
        }
    }
}
