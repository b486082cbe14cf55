using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Introspection;

/// <summary>The fields and resolvers of the introspection types, over the engine's own type objects.</summary>
internal static class IntrospectionFields
{
    public static void Define()
    {
        var str = Scalars.String;
        var boolean = Scalars.Boolean.NonNull();
        var typeList = IntrospectionTypes.Type.NonNull().List().NonNull();

        IntrospectionTypes.Schema.Field("description", str, c => ((Types.Schema)c.Source!).Description);
        IntrospectionTypes.Schema.Field("types", typeList, c => ((Types.Schema)c.Source!).Types, "A list of all types supported by this server.");
        IntrospectionTypes.Schema.Field("queryType", IntrospectionTypes.Type.NonNull(), c => ((Types.Schema)c.Source!).Query, "The type that query operations will be rooted at.");
        IntrospectionTypes.Schema.Field("mutationType", IntrospectionTypes.Type, c => ((Types.Schema)c.Source!).Mutation, "If this server supports mutation, the type that mutation operations will be rooted at.");
        IntrospectionTypes.Schema.Field("subscriptionType", IntrospectionTypes.Type, c => ((Types.Schema)c.Source!).Subscription, "If this server support subscription, the type that subscription operations will be rooted at.");
        IntrospectionTypes.Schema.Field("directives", IntrospectionTypes.Directive.NonNull().List().NonNull(), c => ((Types.Schema)c.Source!).Directives, "A list of all directives supported by this server.");

        IntrospectionTypes.Type.Field("kind", IntrospectionTypes.TypeKind.NonNull(), c => KindOf((GraphQLType)c.Source!));
        IntrospectionTypes.Type.Field("name", str, c => (c.Source as NamedType)?.Name);
        IntrospectionTypes.Type.Field("description", str, c => (c.Source as NamedType)?.Description);
        IntrospectionTypes.Type.Field("specifiedByURL", str, c => (c.Source as ScalarType)?.SpecifiedByUrl);
        IntrospectionTypes.Type.Field("fields", IntrospectionTypes.Field.NonNull().List(), c => c.Source is ComplexType t
                ? t.Fields.Where(f => IncludeDeprecated(c) || f.DeprecationReason is null).ToList()
                : null)
            .Argument("includeDeprecated", Scalars.Boolean, defaultValue: false, hasDefault: true);
        IntrospectionTypes.Type.Field("interfaces", IntrospectionTypes.Type.NonNull().List(), c => c.Source is ComplexType t ? t.Interfaces.ToList() : null);
        IntrospectionTypes.Type.Field("possibleTypes", IntrospectionTypes.Type.NonNull().List(), c => c.Source is InterfaceType or UnionType ? c.Schema.PossibleTypes((NamedType)c.Source) : null);
        IntrospectionTypes.Type.Field("enumValues", IntrospectionTypes.EnumValue.NonNull().List(), c => c.Source is EnumType e
                ? e.Values.Where(v => IncludeDeprecated(c) || v.DeprecationReason is null).ToList()
                : null)
            .Argument("includeDeprecated", Scalars.Boolean, defaultValue: false, hasDefault: true);
        IntrospectionTypes.Type.Field("inputFields", IntrospectionTypes.InputValue.NonNull().List(), c => c.Source is InputObjectType i
                ? i.Fields.Where(f => IncludeDeprecated(c) || f.DeprecationReason is null).ToList()
                : null)
            .Argument("includeDeprecated", Scalars.Boolean, defaultValue: false, hasDefault: true);
        IntrospectionTypes.Type.Field("ofType", IntrospectionTypes.Type, c => c.Source switch
        {
            ListType l => l.OfType,
            NonNullType n => n.OfType,
            _ => null,
        });
        IntrospectionTypes.Type.Field("isOneOf", Scalars.Boolean, c => c.Source is InputObjectType i ? i.IsOneOf : null);

        IntrospectionTypes.Field.Field("name", str.NonNull(), c => ((FieldDefinition)c.Source!).Name);
        IntrospectionTypes.Field.Field("description", str, c => ((FieldDefinition)c.Source!).Description);
        IntrospectionTypes.Field.Field("args", IntrospectionTypes.InputValue.NonNull().List().NonNull(), c => ((FieldDefinition)c.Source!).Arguments
                .Where(a => IncludeDeprecated(c) || a.DeprecationReason is null).ToList())
            .Argument("includeDeprecated", Scalars.Boolean, defaultValue: false, hasDefault: true);
        IntrospectionTypes.Field.Field("type", IntrospectionTypes.Type.NonNull(), c => ((FieldDefinition)c.Source!).Type);
        IntrospectionTypes.Field.Field("isDeprecated", boolean, c => ((FieldDefinition)c.Source!).DeprecationReason is not null);
        IntrospectionTypes.Field.Field("deprecationReason", str, c => ((FieldDefinition)c.Source!).DeprecationReason);

        IntrospectionTypes.InputValue.Field("name", str.NonNull(), c => ((InputValueDefinition)c.Source!).Name);
        IntrospectionTypes.InputValue.Field("description", str, c => ((InputValueDefinition)c.Source!).Description);
        IntrospectionTypes.InputValue.Field("type", IntrospectionTypes.Type.NonNull(), c => ((InputValueDefinition)c.Source!).Type);
        IntrospectionTypes.InputValue.Field("defaultValue", str, c => c.Source is InputValueDefinition { HasDefaultValue: true } v ? ValuePrinter.Print(v.DefaultValue, v.Type) : null,
            "A GraphQL-formatted string representing the default value for this input value.");
        IntrospectionTypes.InputValue.Field("isDeprecated", boolean, c => ((InputValueDefinition)c.Source!).DeprecationReason is not null);
        IntrospectionTypes.InputValue.Field("deprecationReason", str, c => ((InputValueDefinition)c.Source!).DeprecationReason);

        IntrospectionTypes.EnumValue.Field("name", str.NonNull(), c => ((EnumValueDefinition)c.Source!).Name);
        IntrospectionTypes.EnumValue.Field("description", str, c => ((EnumValueDefinition)c.Source!).Description);
        IntrospectionTypes.EnumValue.Field("isDeprecated", boolean, c => ((EnumValueDefinition)c.Source!).DeprecationReason is not null);
        IntrospectionTypes.EnumValue.Field("deprecationReason", str, c => ((EnumValueDefinition)c.Source!).DeprecationReason);

        IntrospectionTypes.Directive.Field("name", str.NonNull(), c => ((DirectiveDefinition)c.Source!).Name);
        IntrospectionTypes.Directive.Field("description", str, c => ((DirectiveDefinition)c.Source!).Description);
        IntrospectionTypes.Directive.Field("isRepeatable", boolean, c => ((DirectiveDefinition)c.Source!).IsRepeatable);
        IntrospectionTypes.Directive.Field("locations", IntrospectionTypes.DirectiveLocationType.NonNull().List().NonNull(), c => ((DirectiveDefinition)c.Source!).Locations);
        IntrospectionTypes.Directive.Field("args", IntrospectionTypes.InputValue.NonNull().List().NonNull(), c => ((DirectiveDefinition)c.Source!).Arguments
                .Where(a => IncludeDeprecated(c) || a.DeprecationReason is null).ToList())
            .Argument("includeDeprecated", Scalars.Boolean, defaultValue: false, hasDefault: true);
    }

    private static bool IncludeDeprecated(Execution.ResolveContext context) =>
        context.Arguments.TryGetValue("includeDeprecated", out var value) && value is true;

    private static string KindOf(GraphQLType type) => type switch
    {
        ScalarType => "SCALAR",
        ObjectType => "OBJECT",
        InterfaceType => "INTERFACE",
        UnionType => "UNION",
        EnumType => "ENUM",
        InputObjectType => "INPUT_OBJECT",
        ListType => "LIST",
        NonNullType => "NON_NULL",
        _ => throw new InvalidOperationException("Unknown type kind"),
    };
}
