using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-All-Variables-Used</summary>
public sealed class NoUnusedVariables : ValidationRule
{
    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        foreach (var operation in node.Definitions.OfType<OperationDefinitionNode>())
        {
            var used = context.GetRecursiveVariableUsages(operation).Select(u => u.Node.Name).ToHashSet();
            foreach (var definition in operation.VariableDefinitions)
            {
                if (!used.Contains(definition.Variable.Name))
                {
                    context.Report(operation.Name is null
                        ? $"Variable \"${definition.Variable.Name}\" is never used."
                        : $"Variable \"${definition.Variable.Name}\" is never used in operation \"{operation.Name}\".", definition);
                }
            }
        }
    }
}
