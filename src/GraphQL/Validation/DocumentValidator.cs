using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation;

/// <summary>Runs every rule (https://spec.graphql.org/October2021/#sec-Validation) in one walk of the document.</summary>
public static class DocumentValidator
{
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, int maxErrors = 100) =>
        Validate(schema, document, [], maxErrors);

    /// <summary>
    /// Runs <paramref name="limitRules"/> in a walk of their own first: when they report, the specified
    /// rules (some quadratic in the number of fields) do not run, so a hostile document costs one linear walk.
    /// </summary>
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, IReadOnlyList<ValidationRule> limitRules, int maxErrors = 100)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(limitRules);
        if (limitRules.Count > 0)
        {
            var limits = new ValidationContext(schema, document, maxErrors);
            new ValidationWalker(limits, limitRules).Walk();
            if (limits.Errors.Count > 0)
            {
                return limits.Errors;
            }
        }

        var context = new ValidationContext(schema, document, maxErrors);
        var rules = Rules.SpecifiedRules.Create();
        new ValidationWalker(context, rules).Walk();
        return context.Errors;
    }
}
