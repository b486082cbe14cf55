using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Fragment-spreads-must-not-form-cycles</summary>
public sealed class NoFragmentCycles : ValidationRule
{
    private readonly HashSet<string> _visited = [];
    private readonly List<FragmentSpreadNode> _spreadPath = [];
    private readonly Dictionary<string, int> _pathIndex = [];

    public override void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => Detect(context, node);

    private void Detect(ValidationContext context, FragmentDefinitionNode fragment)
    {
        if (!_visited.Add(fragment.Name))
        {
            return;
        }

        var spreads = context.GetFragmentSpreads(fragment.SelectionSet);
        if (spreads.Count == 0)
        {
            return;
        }

        _pathIndex[fragment.Name] = _spreadPath.Count;
        foreach (var spread in spreads)
        {
            var index = _pathIndex.TryGetValue(spread.Name, out var i) ? i : (int?)null;
            _spreadPath.Add(spread);
            if (index is null)
            {
                if (context.GetFragment(spread.Name) is { } target)
                {
                    Detect(context, target);
                }
            }
            else
            {
                var cycle = _spreadPath.Skip(index.Value).ToList();
                var via = string.Join(", ", cycle.Take(cycle.Count - 1).Select(s => "\"" + s.Name + "\""));
                context.Report($"Cannot spread fragment \"{spread.Name}\" within itself" + (via.Length > 0 ? " via " + via + "." : "."), [.. cycle]);
            }

            _spreadPath.RemoveAt(_spreadPath.Count - 1);
        }

        _pathIndex.Remove(fragment.Name);
    }
}
