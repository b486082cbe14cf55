using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Leaf-Field-Selections</summary>
public sealed class ScalarLeafs : ValidationRule
{
    public override void EnterField(ValidationContext context, FieldNode node)
    {
        if (context.Type is not { } type)
        {
            return;
        }

        if (type.Named is ScalarType or EnumType)
        {
            if (node.SelectionSet is not null)
            {
                context.Report($"Field \"{node.Name}\" must not have a selection since type \"{type}\" has no subfields.", node.SelectionSet);
            }
        }
        else if (node.SelectionSet is null)
        {
            context.Report($"Field \"{node.Name}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{node.Name} {{ ... }}\"?", node);
        }
    }
}
