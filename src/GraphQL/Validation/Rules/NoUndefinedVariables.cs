using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-All-Variable-Uses-Defined</summary>
public sealed class NoUndefinedVariables : ValidationRule
{
    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        foreach (var operation in node.Definitions.OfType<OperationDefinitionNode>())
        {
            var defined = operation.VariableDefinitions.Select(v => v.Variable.Name).ToHashSet();
            foreach (var usage in context.GetRecursiveVariableUsages(operation))
            {
                if (!defined.Contains(usage.Node.Name))
                {
                    context.Report(operation.Name is null
                        ? $"Variable \"${usage.Node.Name}\" is not defined."
                        : $"Variable \"${usage.Node.Name}\" is not defined by operation \"{operation.Name}\".", usage.Node, operation);
                }
            }
        }
    }
}
