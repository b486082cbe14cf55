using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Field-Selections</summary>
public sealed class FieldsOnCorrectType : ValidationRule
{
    public override void EnterField(ValidationContext context, FieldNode node)
    {
        if (context.ParentType is { } parent && context.FieldDefinition is null)
        {
            context.Report($"Cannot query field \"{node.Name}\" on type \"{parent.Name}\".", node);
        }
    }
}
