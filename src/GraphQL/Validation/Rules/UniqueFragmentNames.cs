using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Fragment-Name-Uniqueness</summary>
public sealed class UniqueFragmentNames : ValidationRule
{
    private readonly Dictionary<string, FragmentDefinitionNode> _known = [];

    public override void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
    {
        if (_known.TryGetValue(node.Name, out var first))
        {
            context.Report($"There can be only one fragment named \"{node.Name}\".", first.NameLocation, node.NameLocation);
        }
        else
        {
            _known[node.Name] = node;
        }
    }
}
