using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Fragments-On-Composite-Types</summary>
public sealed class FragmentsOnCompositeTypes : ValidationRule
{
    public override void EnterInlineFragment(ValidationContext context, InlineFragmentNode node)
    {
        if (node.TypeCondition is { } condition && context.Schema.FindType(condition.Name) is { } type && !IsComposite(type))
        {
            context.Report($"Fragment cannot condition on non composite type \"{Printer.Print(condition)}\".", condition);
        }
    }

    public override void EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
    {
        if (context.Schema.FindType(node.TypeCondition.Name) is { } type && !IsComposite(type))
        {
            context.Report($"Fragment \"{node.Name}\" cannot condition on non composite type \"{Printer.Print(node.TypeCondition)}\".", node.TypeCondition);
        }
    }

    internal static bool IsComposite(NamedType type) => type is ComplexType or UnionType;
}
