using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Variable-Uniqueness</summary>
public sealed class UniqueVariableNames : ValidationRule
{
    public override void EnterOperation(ValidationContext context, OperationDefinitionNode node)
    {
        foreach (var group in node.VariableDefinitions.GroupBy(v => v.Variable.Name).Where(g => g.Count() > 1))
        {
            context.Report($"There can be only one variable named \"${group.Key}\".", [.. group.Select(v => v.Variable.NameLocation)]);
        }
    }
}
