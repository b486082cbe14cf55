using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Operation-Name-Uniqueness</summary>
public sealed class UniqueOperationNames : ValidationRule
{
    private readonly Dictionary<string, OperationDefinitionNode> _known = [];

    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (node.Name is null)
        {
            return;
        }

        if (_known.TryGetValue(node.Name, out var first))
        {
            context.Report($"There can be only one operation named \"{node.Name}\".", first.NameLocation, node.NameLocation);
        }
        else
        {
            _known[node.Name] = node;
        }
    }
}
