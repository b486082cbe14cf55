using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Required-Arguments</summary>
public sealed class ProvidedRequiredArguments : ValidationRule
{
    public override void LeaveField(ValidationContext context, FieldNode node)
    {
        if (context.FieldDefinition is not { } field)
        {
            return;
        }

        foreach (var argument in field.Arguments)
        {
            if (argument.Type is NonNullType && !argument.HasDefaultValue && node.Arguments.All(a => a.Name != argument.Name))
            {
                context.Report($"Field \"{field.Name}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.", node);
            }
        }
    }

    public override void LeaveDirective(ValidationContext context, DirectiveNode node)
    {
        if (context.Directive is not { } directive)
        {
            return;
        }

        foreach (var argument in directive.Arguments)
        {
            if (argument.Type is NonNullType && !argument.HasDefaultValue && node.Arguments.All(a => a.Name != argument.Name))
            {
                context.Report($"Directive \"@{directive.Name}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.", node);
            }
        }
    }
}
