using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Introspection;

/// <summary>
/// The introspection schema (https://spec.graphql.org/October2021/#sec-Schema-Introspection), plus
/// specifiedByURL, isRepeatable, input value deprecation and isOneOf as graphql-js 16 serves them.
/// </summary>
public static class IntrospectionTypes
{
    public static EnumType TypeKind { get; } = new EnumType("__TypeKind", "An enum describing what kind of type a given `__Type` is.")
        .Value("SCALAR", description: "Indicates this type is a scalar.")
        .Value("OBJECT", description: "Indicates this type is an object. `fields` and `interfaces` are valid fields.")
        .Value("INTERFACE", description: "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields.")
        .Value("UNION", description: "Indicates this type is a union. `possibleTypes` is a valid field.")
        .Value("ENUM", description: "Indicates this type is an enum. `enumValues` is a valid field.")
        .Value("INPUT_OBJECT", description: "Indicates this type is an input object. `inputFields` is a valid field.")
        .Value("LIST", description: "Indicates this type is a list. `ofType` is a valid field.")
        .Value("NON_NULL", description: "Indicates this type is a non-null. `ofType` is a valid field.");

    public static EnumType DirectiveLocationType { get; } = CreateDirectiveLocation();

    public static ObjectType Type { get; } = new("__Type", "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types.");

    public static ObjectType Field { get; } = new("__Field", "Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type.");

    public static ObjectType InputValue { get; } = new("__InputValue", "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value.");

    public static ObjectType EnumValue { get; } = new("__EnumValue", "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string.");

    public static ObjectType Directive { get; } = new("__Directive", "A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor.");

    public static ObjectType Schema { get; } = new("__Schema", "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.");

    /// <summary>The <c>__schema</c> meta-field of the query root.</summary>
    public static FieldDefinition SchemaField { get; } = new FieldDefinition("__schema", Schema.NonNull())
    {
        Description = "Access the current type schema of this server.",
        Resolve = c => c.Schema,
    };

    /// <summary>The <c>__type(name:)</c> meta-field of the query root.</summary>
    public static FieldDefinition TypeField { get; } = new FieldDefinition("__type", Type)
    {
        Description = "Request the type information of a single type.",
        Resolve = c => c.Schema.FindType((string)c.Arguments["name"]!),
    }.Argument("name", Scalars.String.NonNull());

    /// <summary>The <c>__typename</c> meta-field of every object, interface and union.</summary>
    public static FieldDefinition TypeNameField { get; } = new FieldDefinition("__typename", Scalars.String.NonNull())
    {
        Description = "The name of the current Object type at runtime.",
        Resolve = c => c.ParentType.Name,
    };

    private static readonly HashSet<string> Names = ["__Schema", "__Type", "__Field", "__InputValue", "__EnumValue", "__Directive", "__TypeKind", "__DirectiveLocation"];

    static IntrospectionTypes()
    {
        IntrospectionFields.Define();
    }

    public static bool IsIntrospectionType(NamedType type) => Names.Contains(type.Name);

    private static EnumType CreateDirectiveLocation()
    {
        var type = new EnumType("__DirectiveLocation", "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.");
        foreach (var location in Enum.GetValues<DirectiveLocation>())
        {
            type.Value(location.ToString(), location);
        }

        return type;
    }
}
