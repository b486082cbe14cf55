using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Fragment-spread-target-defined</summary>
public sealed class KnownFragmentNames : ValidationRule
{
    public override void EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node)
    {
        if (context.GetFragment(node.Name) is null)
        {
            context.Report($"Unknown fragment \"{node.Name}\".", node.NameLocation);
        }
    }
}
