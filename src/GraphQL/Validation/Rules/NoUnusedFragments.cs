using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Fragments-Must-Be-Used</summary>
public sealed class NoUnusedFragments : ValidationRule
{
    public override void LeaveDocument(ValidationContext context, DocumentNode node)
    {
        var used = new HashSet<string>();
        foreach (var operation in node.Definitions.OfType<OperationDefinitionNode>())
        {
            foreach (var fragment in context.GetRecursivelyReferencedFragments(operation))
            {
                used.Add(fragment.Name);
            }
        }

        foreach (var fragment in node.Definitions.OfType<FragmentDefinitionNode>())
        {
            if (!used.Contains(fragment.Name))
            {
                context.Report($"Fragment \"{fragment.Name}\" is never used.", fragment);
            }
        }
    }
}
