namespace Streaming.GraphQL.Types;

/// <summary>Object and interface types: named types with fields and implemented interfaces.</summary>
public abstract class ComplexType(string name, string? description) : NamedType(name, description)
{
    private readonly List<FieldDefinition> _fields = [];
    private readonly Dictionary<string, FieldDefinition> _byName = [];
    private readonly List<GraphQLType> _interfaces = [];

    public IReadOnlyList<FieldDefinition> Fields => _fields;

    /// <summary>Implemented interfaces (a <see cref="TypeReference"/> until the schema is built).</summary>
    public IReadOnlyList<GraphQLType> InterfaceTypes => _interfaces;

    public IEnumerable<InterfaceType> Interfaces => _interfaces.OfType<InterfaceType>();

    public FieldDefinition? FindField(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Adds a field and returns it for arguments, description, deprecation.</summary>
    public FieldDefinition Field(string name, GraphQLType type, FieldResolver? resolve = null, string? description = null)
    {
        if (_byName.ContainsKey(name))
        {
            throw new ArgumentException($"{Name}.{name} is defined twice.", nameof(name));
        }

        var field = new FieldDefinition(name, type) { Resolve = resolve, Description = description };
        _fields.Add(field);
        _byName[name] = field;
        return field;
    }

    public ComplexType Implements(params GraphQLType[] interfaces)
    {
        _interfaces.AddRange(interfaces);
        return this;
    }

    internal void ReplaceInterfaces(Func<GraphQLType, GraphQLType> resolve)
    {
        for (var i = 0; i < _interfaces.Count; i++)
        {
            _interfaces[i] = resolve(_interfaces[i]);
        }
    }
}

/// <summary>https://spec.graphql.org/October2021/#sec-Objects</summary>
public sealed class ObjectType(string name, string? description = null) : ComplexType(name, description)
{
    /// <summary>Whether a value belongs to this type, for abstract types without a type resolver.</summary>
    public Func<object, bool>? IsTypeOf { get; set; }
}

/// <summary>https://spec.graphql.org/October2021/#sec-Interfaces</summary>
public sealed class InterfaceType(string name, string? description = null) : ComplexType(name, description)
{
    /// <summary>The object type of a value; when null, each possible type's IsTypeOf is asked.</summary>
    public Func<object, ObjectType?>? ResolveType { get; set; }
}
