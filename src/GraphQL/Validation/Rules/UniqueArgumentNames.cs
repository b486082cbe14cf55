using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Argument-Uniqueness</summary>
public sealed class UniqueArgumentNames : ValidationRule
{
    public override void EnterArguments(ValidationContext context, IReadOnlyList<ArgumentNode> arguments)
    {
        foreach (var group in arguments.GroupBy(a => a.Name).Where(g => g.Count() > 1))
        {
            context.Report($"There can be only one argument named \"{group.Key}\".", [.. group.Select(a => a.NameLocation)]);
        }
    }
}
