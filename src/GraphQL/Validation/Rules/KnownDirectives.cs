using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Directives-Are-Defined and #sec-Directives-Are-In-Valid-Locations</summary>
public sealed class KnownDirectives : ValidationRule
{
    public override void EnterDirective(ValidationContext context, DirectiveNode node, Node parent)
    {
        if (context.Directive is not { } definition)
        {
            context.Report($"Unknown directive \"@{node.Name}\".", node);
            return;
        }

        var location = parent switch
        {
            OperationDefinitionNode o => o.Operation switch
            {
                OperationType.Mutation => DirectiveLocation.MUTATION,
                OperationType.Subscription => DirectiveLocation.SUBSCRIPTION,
                _ => DirectiveLocation.QUERY,
            },
            FieldNode => DirectiveLocation.FIELD,
            FragmentSpreadNode => DirectiveLocation.FRAGMENT_SPREAD,
            InlineFragmentNode => DirectiveLocation.INLINE_FRAGMENT,
            FragmentDefinitionNode => DirectiveLocation.FRAGMENT_DEFINITION,
            VariableDefinitionNode => DirectiveLocation.VARIABLE_DEFINITION,
            _ => (DirectiveLocation?)null,
        };
        if (location is { } l && !definition.Locations.Contains(l))
        {
            context.Report($"Directive \"@{node.Name}\" may not be used on {l}.", node);
        }
    }
}
