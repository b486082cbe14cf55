namespace Streaming.GraphQL.Types;

/// <summary>
/// The type system rules a code-first schema can break (https://spec.graphql.org/October2021/#sec-Objects.Type-Validation):
/// checked once when the schema is built, so a mistake fails at start and not on a query.
/// </summary>
internal static class SchemaChecks
{
    public static void ThrowIfInvalid(Schema schema)
    {
        var errors = new List<string>();
        foreach (var type in schema.Types)
        {
            if (type.Name.StartsWith("__", StringComparison.Ordinal) && schema.FindType("__Schema") != null && !Introspection.IntrospectionTypes.IsIntrospectionType(type))
            {
                errors.Add($"Name \"{type.Name}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
            }

            switch (type)
            {
                case ComplexType complex:
                    if (complex.Fields.Count == 0)
                    {
                        errors.Add($"Type {type.Name} must define one or more fields.");
                    }

                    foreach (var field in complex.Fields)
                    {
                        if (!field.Type.IsOutputType)
                        {
                            errors.Add($"The type of {type.Name}.{field.Name} must be Output Type but got: {field.Type}.");
                        }

                        foreach (var argument in field.Arguments)
                        {
                            if (!argument.Type.IsInputType)
                            {
                                errors.Add($"The type of {type.Name}.{field.Name}({argument.Name}:) must be Input Type but got: {argument.Type}.");
                            }
                        }
                    }

                    foreach (var i in complex.Interfaces)
                    {
                        foreach (var field in i.Fields)
                        {
                            var own = complex.FindField(field.Name);
                            if (own is null)
                            {
                                errors.Add($"Interface field {i.Name}.{field.Name} expected but {type.Name} does not provide it.");
                            }
                        }
                    }

                    break;
                case UnionType union when !union.Types.Any():
                    errors.Add($"Union type {type.Name} must define one or more member types.");
                    break;
                case EnumType e when e.Values.Count == 0:
                    errors.Add($"Enum type {type.Name} must define one or more values.");
                    break;
                case InputObjectType input:
                    if (input.Fields.Count == 0)
                    {
                        errors.Add($"Input Object type {type.Name} must define one or more fields.");
                    }

                    foreach (var field in input.Fields)
                    {
                        if (!field.Type.IsInputType)
                        {
                            errors.Add($"The type of {type.Name}.{field.Name} must be Input Type but got: {field.Type}.");
                        }

                        if (input.IsOneOf && (field.Type is NonNullType || field.HasDefaultValue))
                        {
                            errors.Add($"OneOf input field {type.Name}.{field.Name} must be nullable and have no default value.");
                        }
                    }

                    break;
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The schema is invalid:\n" + string.Join("\n", errors));
        }
    }
}
