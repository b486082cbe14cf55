namespace Streaming.GraphQL.Validation.Rules;

/// <summary>The rules of https://spec.graphql.org/October2021/#sec-Validation (plus @oneOf), in graphql-js's order.</summary>
public static class SpecifiedRules
{
    public static IReadOnlyList<ValidationRule> Create() =>
    [
        new ExecutableDefinitions(),
        new UniqueOperationNames(),
        new LoneAnonymousOperation(),
        new SingleFieldSubscriptions(),
        new KnownTypeNames(),
        new FragmentsOnCompositeTypes(),
        new VariablesAreInputTypes(),
        new ScalarLeafs(),
        new FieldsOnCorrectType(),
        new UniqueFragmentNames(),
        new KnownFragmentNames(),
        new NoUnusedFragments(),
        new PossibleFragmentSpreads(),
        new NoFragmentCycles(),
        new UniqueVariableNames(),
        new NoUndefinedVariables(),
        new NoUnusedVariables(),
        new KnownDirectives(),
        new UniqueDirectivesPerLocation(),
        new KnownArgumentNames(),
        new UniqueArgumentNames(),
        new ValuesOfCorrectType(),
        new ProvidedRequiredArguments(),
        new VariablesInAllowedPosition(),
        new OverlappingFieldsCanBeMerged(),
        new UniqueInputFieldNames(),
        new MaxIntrospectionDepth(),
    ];
}
