using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Fragment-spread-is-possible</summary>
public sealed class PossibleFragmentSpreads : ValidationRule
{
    public override void EnterInlineFragment(ValidationContext context, InlineFragmentNode node)
    {
        if (context.Type?.Named is { } fragmentType && FragmentsOnCompositeTypes.IsComposite(fragmentType)
            && context.ParentType is { } parent && FragmentsOnCompositeTypes.IsComposite(parent)
            && !Overlap(context.Schema, fragmentType, parent))
        {
            context.Report($"Fragment cannot be spread here as objects of type \"{parent.Name}\" can never be of type \"{fragmentType.Name}\".", node);
        }
    }

    public override void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node)
    {
        if (context.GetFragment(node.Name) is { } fragment && context.Schema.FindType(fragment.TypeCondition.Name) is { } fragmentType
            && FragmentsOnCompositeTypes.IsComposite(fragmentType)
            && context.ParentType is { } parent && FragmentsOnCompositeTypes.IsComposite(parent)
            && !Overlap(context.Schema, fragmentType, parent))
        {
            context.Report($"Fragment \"{node.Name}\" cannot be spread here as objects of type \"{parent.Name}\" can never be of type \"{fragmentType.Name}\".", node);
        }
    }

    /// <summary>graphql-js's doTypesOverlap.</summary>
    internal static bool Overlap(Schema schema, NamedType a, NamedType b)
    {
        if (a == b)
        {
            return true;
        }

        if (a is InterfaceType or UnionType)
        {
            return b is InterfaceType or UnionType
                ? schema.PossibleTypes(b).Any(t => schema.IsPossibleType(a, t))
                : b is ObjectType bo && schema.IsPossibleType(a, bo);
        }

        return b is InterfaceType or UnionType && a is ObjectType ao && schema.IsPossibleType(b, ao);
    }
}
