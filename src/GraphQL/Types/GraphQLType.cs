namespace Streaming.GraphQL.Types;

/// <summary>Any type of the type system (https://spec.graphql.org/October2021/#sec-Types), wrapping types included.</summary>
public abstract class GraphQLType
{
    /// <summary>The named type under all list and non-null wrappers.</summary>
    public abstract NamedType Named { get; }

    public bool IsInputType => Named is ScalarType or EnumType or InputObjectType;

    public bool IsOutputType => Named is ScalarType or EnumType or ObjectType or InterfaceType or UnionType;

    public GraphQLType NullableType => this is NonNullType n ? n.OfType : this;

    public NonNullType NonNull() => this as NonNullType ?? new NonNullType(this);

    public ListType List() => new(this);

    public abstract override string ToString();
}

/// <summary>A type with a name: scalars, objects, interfaces, unions, enums, input objects.</summary>
public abstract class NamedType(string name, string? description) : GraphQLType
{
    public string Name { get; } = NameRules.Check(name);

    public string? Description { get; set; } = description;

    public override NamedType Named => this;

    public override string ToString() => Name;
}

/// <summary>https://spec.graphql.org/October2021/#sec-List</summary>
public sealed class ListType(GraphQLType ofType) : GraphQLType
{
    public GraphQLType OfType { get; internal set; } = ofType;

    public override NamedType Named => OfType.Named;

    public override string ToString() => "[" + OfType + "]";
}

/// <summary>https://spec.graphql.org/October2021/#sec-Non-Null</summary>
public sealed class NonNullType : GraphQLType
{
    public NonNullType(GraphQLType ofType)
    {
        ArgumentNullException.ThrowIfNull(ofType);
        if (ofType is NonNullType)
        {
            throw new ArgumentException("Non-null of non-null is not a type.", nameof(ofType));
        }

        OfType = ofType;
    }

    public GraphQLType OfType { get; internal set; }

    public override NamedType Named => OfType.Named;

    public override string ToString() => OfType + "!";
}

/// <summary>
/// A named type referenced before it is defined (types that refer to each other);
/// replaced by the real type when the schema is built.
/// </summary>
public sealed class TypeReference(string name) : NamedType(name, null);

internal static class NameRules
{
    public static string Check(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"Names must match /^[_a-zA-Z][_a-zA-Z0-9]*$/ but \"{name}\" does not.", nameof(name));
        }

        return name;
    }
}
