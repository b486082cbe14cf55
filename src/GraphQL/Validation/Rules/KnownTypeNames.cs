using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Fragment-Spread-Type-Existence (and variable types)</summary>
public sealed class KnownTypeNames : ValidationRule
{
    public override void EnterNamedType(ValidationContext context, NamedTypeNode node)
    {
        if (context.Schema.FindType(node.Name) is null)
        {
            context.Report($"Unknown type \"{node.Name}\".", node);
        }
    }
}
