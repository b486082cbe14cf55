using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Executable-Definitions</summary>
public sealed class ExecutableDefinitions : ValidationRule
{
    public override void EnterTypeSystemDefinition(ValidationContext context, TypeSystemDefinitionNode node) =>
        context.Report($"The \"{(node.Keyword is "schema" || (node.Keyword == "extend" && node.Name is null) ? "schema" : node.Name)}\" definition is not executable.", node);
}
