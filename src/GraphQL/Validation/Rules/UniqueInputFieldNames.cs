using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Validation.Rules;

/// <summary>https://spec.graphql.org/October2021/#sec-Input-Object-Field-Uniqueness</summary>
public sealed class UniqueInputFieldNames : ValidationRule
{
    public override bool EnterValue(ValidationContext context, ValueNode node)
    {
        if (node is ObjectValueNode obj)
        {
            var seen = new Dictionary<string, ObjectFieldNode>();
            foreach (var field in obj.Fields)
            {
                if (seen.TryGetValue(field.Name, out var first))
                {
                    context.Report($"There can be only one input field named \"{field.Name}\".", first.NameLocation, field.NameLocation);
                }
                else
                {
                    seen[field.Name] = field;
                }
            }
        }

        return true;
    }
}
