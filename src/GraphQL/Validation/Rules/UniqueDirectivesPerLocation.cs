using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Directives-Are-Unique-Per-Location</summary>
public sealed class UniqueDirectivesPerLocation : ValidationRule
{
    public override void EnterDirectives(ValidationContext context, IReadOnlyList<DirectiveNode> directives, Node parent)
    {
        var seen = new Dictionary<string, DirectiveNode>();
        foreach (var directive in directives)
        {
            if (context.Schema.FindDirective(directive.Name) is not { IsRepeatable: false })
            {
                continue;
            }

            if (seen.TryGetValue(directive.Name, out var first))
            {
                context.Report($"The directive \"@{directive.Name}\" can only be used once at this location.", first, directive);
            }
            else
            {
                seen[directive.Name] = directive;
            }
        }
    }
}
