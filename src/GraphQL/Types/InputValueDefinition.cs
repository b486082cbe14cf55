namespace Streaming.GraphQL.Types;

/// <summary>An argument or an input object field (https://spec.graphql.org/October2021/#sec-Field-Arguments).</summary>
public sealed class InputValueDefinition(string name, GraphQLType type)
{
    public string Name { get; } = NameRules.Check(name);

    public GraphQLType Type { get; internal set; } = type;

    public string? Description { get; set; }

    /// <summary>The default as an internal (coerced) value; meaningful when <see cref="HasDefaultValue"/>.</summary>
    public object? DefaultValue { get; private set; }

    public bool HasDefaultValue { get; private set; }

    public string? DeprecationReason { get; set; }

    public InputValueDefinition Default(object? value)
    {
        DefaultValue = value;
        HasDefaultValue = true;
        return this;
    }
}
