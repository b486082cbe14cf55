namespace Streaming.GraphQL.Types;

/// <summary>One value of an enum: its name in GraphQL and its value in C#.</summary>
public sealed class EnumValueDefinition(string name, object value)
{
    public string Name { get; } = NameRules.Check(name);

    public object Value { get; } = value;

    public string? Description { get; set; }

    public string? DeprecationReason { get; set; }
}

/// <summary>https://spec.graphql.org/October2021/#sec-Enums</summary>
public sealed class EnumType(string name, string? description = null) : NamedType(name, description)
{
    private readonly List<EnumValueDefinition> _values = [];
    private readonly Dictionary<string, EnumValueDefinition> _byName = [];
    private readonly Dictionary<object, EnumValueDefinition> _byValue = [];

    public IReadOnlyList<EnumValueDefinition> Values => _values;

    /// <summary>Adds a value; its C# value is its name unless given.</summary>
    public EnumType Value(string name, object? value = null, string? description = null, string? deprecationReason = null)
    {
        var definition = new EnumValueDefinition(name, value ?? name) { Description = description, DeprecationReason = deprecationReason };
        _values.Add(definition);
        _byName[name] = definition;
        _byValue[definition.Value] = definition;
        return this;
    }

    /// <summary>An enum whose values are a C# enum's members.</summary>
    public static EnumType From<TEnum>(string? name = null, string? description = null)
        where TEnum : struct, Enum
    {
        var type = new EnumType(name ?? typeof(TEnum).Name, description);
        foreach (var value in Enum.GetValues<TEnum>())
        {
            type.Value(value.ToString().ToUpperInvariant(), value);
        }

        return type;
    }

    public EnumValueDefinition? FindByName(string name) => _byName.GetValueOrDefault(name);

    public EnumValueDefinition? FindByValue(object value) =>
        _byValue.GetValueOrDefault(value) ?? (value is string s ? _byName.GetValueOrDefault(s) : null);
}
