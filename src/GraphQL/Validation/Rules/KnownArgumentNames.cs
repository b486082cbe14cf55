using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Argument-Names</summary>
public sealed class KnownArgumentNames : ValidationRule
{
    public override void EnterArgument(ValidationContext context, ArgumentNode node)
    {
        if (context.Argument is not null)
        {
            return;
        }

        if (context.Directive is { } directive)
        {
            context.Report($"Unknown argument \"{node.Name}\" on directive \"@{directive.Name}\".", node);
        }
        else if (context.FieldDefinition is { } field && context.ParentType is { } parent && !IsDirectiveArgument(context))
        {
            context.Report($"Unknown argument \"{node.Name}\" on field \"{parent.Name}.{field.Name}\".", node);
        }
    }

    // An unknown directive's arguments are not checked (KnownDirectives reports the directive).
    private static bool IsDirectiveArgument(ValidationContext context) => context.InDirective;
}
