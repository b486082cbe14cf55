namespace Streaming.GraphQL.Types;

/// <summary>Where a directive may appear (https://spec.graphql.org/October2021/#DirectiveLocations).</summary>
public enum DirectiveLocation
{
    QUERY,
    MUTATION,
    SUBSCRIPTION,
    FIELD,
    FRAGMENT_DEFINITION,
    FRAGMENT_SPREAD,
    INLINE_FRAGMENT,
    VARIABLE_DEFINITION,
    SCHEMA,
    SCALAR,
    OBJECT,
    FIELD_DEFINITION,
    ARGUMENT_DEFINITION,
    INTERFACE,
    UNION,
    ENUM,
    ENUM_VALUE,
    INPUT_OBJECT,
    INPUT_FIELD_DEFINITION,
}

/// <summary>https://spec.graphql.org/October2021/#sec-Type-System.Directives</summary>
public sealed class DirectiveDefinition
{
    public const string DefaultDeprecationReason = "No longer supported";

    private readonly List<InputValueDefinition> _arguments = [];

    public DirectiveDefinition(string name, IEnumerable<DirectiveLocation> locations, string? description = null, bool isRepeatable = false)
    {
        Name = NameRules.Check(name);
        Locations = [.. locations];
        Description = description;
        IsRepeatable = isRepeatable;
    }

    public string Name { get; }

    public string? Description { get; }

    public IReadOnlyList<DirectiveLocation> Locations { get; }

    public bool IsRepeatable { get; }

    public IReadOnlyList<InputValueDefinition> Arguments => _arguments;

    public DirectiveDefinition Argument(string name, GraphQLType type, string? description = null, object? defaultValue = null, bool hasDefault = false)
    {
        var argument = new InputValueDefinition(name, type) { Description = description };
        if (hasDefault)
        {
            argument.Default(defaultValue);
        }

        _arguments.Add(argument);
        return this;
    }

    public static DirectiveDefinition Include { get; } = new DirectiveDefinition("include",
            [DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
            "Directs the executor to include this field or fragment only when the `if` argument is true.")
        .Argument("if", Scalars.Boolean.NonNull(), "Included when true.");

    public static DirectiveDefinition Skip { get; } = new DirectiveDefinition("skip",
            [DirectiveLocation.FIELD, DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
            "Directs the executor to skip this field or fragment when the `if` argument is true.")
        .Argument("if", Scalars.Boolean.NonNull(), "Skipped when true.");

    public static DirectiveDefinition Deprecated { get; } = new DirectiveDefinition("deprecated",
            [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.ARGUMENT_DEFINITION, DirectiveLocation.INPUT_FIELD_DEFINITION, DirectiveLocation.ENUM_VALUE],
            "Marks an element of a GraphQL schema as no longer supported.")
        .Argument("reason", Scalars.String,
            "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
            DefaultDeprecationReason, hasDefault: true);

    public static DirectiveDefinition SpecifiedBy { get; } = new DirectiveDefinition("specifiedBy",
            [DirectiveLocation.SCALAR], "Exposes a URL that specifies the behavior of this scalar.")
        .Argument("url", Scalars.String.NonNull(), "The URL that specifies the behavior of this scalar.");

    public static DirectiveDefinition OneOf { get; } = new DirectiveDefinition("oneOf",
        [DirectiveLocation.INPUT_OBJECT], "Indicates exactly one field must be supplied and this field must not be `null`.");

    public static IReadOnlyList<DirectiveDefinition> Specified { get; } = [Include, Skip, Deprecated, SpecifiedBy, OneOf];
}
