using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Validation;

/// <summary>Runs every rule (https://spec.graphql.org/October2021/#sec-Validation) in one walk of the document.</summary>
public static class DocumentValidator
{
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, int maxErrors = 100)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        var context = new ValidationContext(schema, document, maxErrors);
        var rules = Rules.SpecifiedRules.Create();
        new ValidationWalker(context, rules).Walk();
        return context.Errors;
    }
}
