using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Variables-Are-Input-Types</summary>
public sealed class VariablesAreInputTypes : ValidationRule
{
    public override void EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node)
    {
        var type = InputCoercion.TypeFromAst(context.Schema, node.Type);
        if (type is not null && !type.IsInputType)
        {
            context.Report($"Variable \"${node.Variable.Name}\" cannot be non-input type \"{Printer.Print(node.Type)}\".", node.Type);
        }
    }
}
