namespace Streaming.GraphQL.Types;

/// <summary>
/// https://spec.graphql.org/October2021/#sec-Input-Objects; with <see cref="IsOneOf"/>, exactly one
/// field must be given and be non-null (the @oneOf RFC).
/// </summary>
public sealed class InputObjectType(string name, string? description = null) : NamedType(name, description)
{
    private readonly List<InputValueDefinition> _fields = [];
    private readonly Dictionary<string, InputValueDefinition> _byName = [];

    public IReadOnlyList<InputValueDefinition> Fields => _fields;

    public bool IsOneOf { get; set; }

    public InputValueDefinition Field(string name, GraphQLType type, string? description = null)
    {
        var field = new InputValueDefinition(name, type) { Description = description };
        _fields.Add(field);
        _byName[name] = field;
        return field;
    }

    public InputValueDefinition? FindField(string name) => _byName.GetValueOrDefault(name);
}
