using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Lone-Anonymous-Operation</summary>
public sealed class LoneAnonymousOperation : ValidationRule
{
    private int _operations;

    public override void EnterDocument(ValidationContext context, DocumentNode node) =>
        _operations = node.Definitions.Count(d => d is OperationDefinitionNode);

    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        if (node.Name is null && _operations > 1)
        {
            context.Report("This anonymous operation must be the only defined operation.", node);
        }
    }
}
