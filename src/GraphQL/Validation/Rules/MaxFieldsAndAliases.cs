using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>
/// A resource limit, not a spec rule: the fields an operation selects and the aliases it uses, with
/// fragments expanded where they are spread, at most <c>maxFields</c> and <c>maxAliases</c>. Aliases
/// are how one document asks for the same expensive field thousands of times and how a handful of
/// fragments multiply into millions of selections; the cost and depth limits would see them only after
/// the quadratic rules (overlapping fields) ran. Counting memoizes each fragment, so a document costs
/// one linear pass however its fragments nest. Rationale: https://graphql.org/learn/security/#breadth-and-batch-limiting
/// and https://cheatsheetseries.owasp.org/cheatsheets/GraphQL_Cheat_Sheet.html#query-limiting-depth-amount.
/// </summary>
public sealed class MaxFieldsAndAliases(int maxFields, int maxAliases) : ValidationRule
{
    private readonly Dictionary<string, Counts> _fragments = [];
    private readonly HashSet<string> _counting = [];

    /// <summary>Whether the document went over a limit (the executor tells a limit from an invalid document).</summary>
    public bool Reported { get; private set; }

    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(node);
        var counts = Count(context, node.SelectionSet);
        var name = node.Name is null ? "The operation" : $"Operation \"{node.Name}\"";
        if (counts.Fields > maxFields)
        {
            Reported = true;
            context.Report($"{name} selects {Describe(counts.Fields)} fields; at most {maxFields} are allowed.", node.Location);
        }

        if (counts.Aliases > maxAliases)
        {
            Reported = true;
            context.Report($"{name} uses {Describe(counts.Aliases)} aliases; at most {maxAliases} are allowed.", node.Location);
        }
    }

    private static string Describe(long count) => count == long.MaxValue ? "too many" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Counts Count(ValidationContext context, SelectionSetNode set)
    {
        var total = default(Counts);
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    total += new Counts(1, field.Alias is null ? 0 : 1);
                    if (field.SelectionSet is not null)
                    {
                        total += Count(context, field.SelectionSet);
                    }

                    break;
                case InlineFragmentNode inline:
                    total += Count(context, inline.SelectionSet);
                    break;
                case FragmentSpreadNode spread:
                    total += CountFragment(context, spread.Name);
                    break;
            }
        }

        return total;
    }

    private Counts CountFragment(ValidationContext context, string name)
    {
        if (_fragments.TryGetValue(name, out var counted))
        {
            return counted;
        }

        // A cycle (reported by NoFragmentCycles) or an unknown fragment adds nothing here.
        if (context.GetFragment(name) is not { } fragment || !_counting.Add(name))
        {
            return default;
        }

        var counts = Count(context, fragment.SelectionSet);
        _counting.Remove(name);
        _fragments[name] = counts;
        return counts;
    }

    /// <summary>Saturating counts: fragments nested k deep, each spread twice, reach 2^k selections.</summary>
    private readonly record struct Counts(long Fields, long Aliases)
    {
        public static Counts operator +(Counts a, Counts b) => new(Add(a.Fields, b.Fields), Add(a.Aliases, b.Aliases));

        private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
    }
}
