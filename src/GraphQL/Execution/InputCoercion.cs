using System.Collections;
using System.Globalization;
using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Execution;

/// <summary>
/// Input coercion (https://spec.graphql.org/October2021/#sec-Input-Values): variable values from JSON,
/// literals from the document, with graphql-js's messages.
/// </summary>
public static class InputCoercion
{
    /// <summary>https://spec.graphql.org/October2021/#CoerceVariableValues()</summary>
    public static Dictionary<string, object?> CoerceVariableValues(Schema schema, OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?>? inputs, Source source, List<GraphQLError> errors)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(errors);
        var values = new Dictionary<string, object?>();
        foreach (var definition in operation.VariableDefinitions)
        {
            var name = definition.Variable.Name;
            var type = TypeFromAst(schema, definition.Type);
            if (type is null || !type.IsInputType)
            {
                errors.Add(GraphQLError.At($"Variable \"${name}\" expected value of type \"{Printer.Print(definition.Type)}\" which cannot be used as an input type.", source, definition.Type));
                continue;
            }

            object? value = null;
            var provided = inputs is not null && inputs.TryGetValue(name, out value);
            if (!provided)
            {
                if (definition.DefaultValue is not null)
                {
                    if (TryValueFromAst(definition.DefaultValue, type, null, out var coerced))
                    {
                        values[name] = coerced;
                    }
                }
                else if (type is NonNullType)
                {
                    errors.Add(GraphQLError.At($"Variable \"${name}\" of required type \"{type}\" was not provided.", source, definition));
                }

                continue;
            }

            if (value is null && type is NonNullType)
            {
                errors.Add(GraphQLError.At($"Variable \"${name}\" of non-null type \"{type}\" must not be null.", source, definition));
                continue;
            }

            var problems = new List<(string Path, string Message)>();
            var result = CoerceInputValue(value, type, string.Empty, problems);
            if (problems.Count > 0)
            {
                foreach (var (path, message) in problems)
                {
                    var at = path.Length == 0 ? string.Empty : $" at \"{name}{path}\"";
                    errors.Add(GraphQLError.At($"Variable \"${name}\" got invalid value {Scalars.Inspect(value)}{at}; {message}", source, definition));
                }

                continue;
            }

            values[name] = result;
        }

        return values;
    }

    /// <summary>https://spec.graphql.org/October2021/#sec-Input-Coercion, for an external (JSON) value.</summary>
    public static object? CoerceInputValue(object? value, GraphQLType type, string path, List<(string Path, string Message)> problems)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(problems);
        if (type is NonNullType nonNull)
        {
            if (value is null)
            {
                problems.Add((path, $"Expected non-nullable type \"{type}\" not to be null."));
                return null;
            }

            return CoerceInputValue(value, nonNull.OfType, path, problems);
        }

        if (value is null)
        {
            return null;
        }

        switch (type)
        {
            case ListType list:
                if (value is IList items)
                {
                    var result = new List<object?>(items.Count);
                    for (var i = 0; i < items.Count; i++)
                    {
                        result.Add(CoerceInputValue(items[i], list.OfType, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", problems));
                    }

                    return result;
                }

                return new List<object?> { CoerceInputValue(value, list.OfType, path, problems) };
            case InputObjectType input:
                if (value is not IDictionary<string, object?> fields)
                {
                    problems.Add((path, $"Expected type \"{input.Name}\" to be an object."));
                    return null;
                }

                var coerced = new Dictionary<string, object?>();
                foreach (var field in input.Fields)
                {
                    if (!fields.TryGetValue(field.Name, out var fieldValue))
                    {
                        if (field.HasDefaultValue)
                        {
                            coerced[field.Name] = field.DefaultValue;
                        }
                        else if (field.Type is NonNullType)
                        {
                            problems.Add((path, $"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided."));
                        }

                        continue;
                    }

                    coerced[field.Name] = CoerceInputValue(fieldValue, field.Type, path + "." + field.Name, problems);
                }

                foreach (var key in fields.Keys)
                {
                    if (input.FindField(key) is null)
                    {
                        problems.Add((path, $"Field \"{key}\" is not defined by type \"{input.Name}\"."));
                    }
                }

                if (input.IsOneOf)
                {
                    if (fields.Count != 1)
                    {
                        problems.Add((path, $"Exactly one key must be specified for OneOf type \"{input.Name}\"."));
                    }
                    else if (fields.First().Value is null)
                    {
                        problems.Add((path, $"Field \"{fields.First().Key}\" must be non-null."));
                    }
                }

                return coerced;
            case EnumType e:
                if (value is string s && e.FindByName(s) is { } enumValue)
                {
                    return enumValue.Value;
                }

                problems.Add((path, value is string text
                    ? $"Value \"{text}\" does not exist in \"{e.Name}\" enum."
                    : $"Enum \"{e.Name}\" cannot represent non-string value: {Scalars.Inspect(value)}."));
                return null;
            case ScalarType scalar:
                try
                {
                    return scalar.ParseValue(value);
                }
                catch (ScalarCoercionException ex)
                {
                    problems.Add((path, ex.Message));
                    return null;
                }

            default:
                problems.Add((path, $"Type \"{type}\" is not an input type."));
                return null;
        }
    }

    /// <summary>https://spec.graphql.org/October2021/#CoerceArgumentValues()</summary>
    public static IReadOnlyDictionary<string, object?> CoerceArgumentValues(IReadOnlyList<InputValueDefinition> definitions,
        IReadOnlyList<ArgumentNode> nodes, IReadOnlyDictionary<string, object?>? variables, Source source, Node at)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(nodes);
        if (definitions.Count == 0)
        {
            return Empty;
        }

        var values = new Dictionary<string, object?>(definitions.Count);
        foreach (var definition in definitions)
        {
            ArgumentNode? node = null;
            foreach (var candidate in nodes)
            {
                if (candidate.Name == definition.Name)
                {
                    node = candidate;
                    break;
                }
            }

            if (node is null || (node.Value is VariableNode missing && (variables is null || !variables.ContainsKey(missing.Name))))
            {
                if (definition.HasDefaultValue)
                {
                    values[definition.Name] = definition.DefaultValue;
                }
                else if (definition.Type is NonNullType)
                {
                    throw new FieldErrorException(node is null
                        ? GraphQLError.At($"Argument \"{definition.Name}\" of required type \"{definition.Type}\" was not provided.", source, at)
                        : GraphQLError.At($"Argument \"{definition.Name}\" of required type \"{definition.Type}\" was provided the variable \"${((VariableNode)node.Value).Name}\" which was not provided a runtime value.", source, node.Value));
                }

                continue;
            }

            if (node.Value is VariableNode variable)
            {
                var value = variables![variable.Name];
                if (value is null && definition.Type is NonNullType)
                {
                    throw new FieldErrorException(GraphQLError.At($"Argument \"{definition.Name}\" of non-null type \"{definition.Type}\" must not be null.", source, node.Value));
                }

                values[definition.Name] = value;
                continue;
            }

            if (!TryValueFromAst(node.Value, definition.Type, variables, out var coerced))
            {
                throw new FieldErrorException(GraphQLError.At($"Argument \"{definition.Name}\" has invalid value {Printer.Print(node.Value)}.", source, node.Value));
            }

            values[definition.Name] = coerced;
        }

        return values;
    }

    public static IReadOnlyDictionary<string, object?> Empty { get; } = new Dictionary<string, object?>();

    /// <summary>graphql-js's valueFromAST: false when the literal does not fit the type.</summary>
    public static bool TryValueFromAst(ValueNode node, GraphQLType type, IReadOnlyDictionary<string, object?>? variables, out object? value)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(type);
        value = null;
        if (node is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name, out value))
            {
                return false;
            }

            return value is not null || type is not NonNullType;
        }

        if (type is NonNullType nonNull)
        {
            return node is not NullValueNode && TryValueFromAst(node, nonNull.OfType, variables, out value);
        }

        if (node is NullValueNode)
        {
            return true;
        }

        switch (type)
        {
            case ListType list:
                if (node is ListValueNode items)
                {
                    var result = new List<object?>(items.Values.Count);
                    foreach (var item in items.Values)
                    {
                        if (item is VariableNode v && (variables is null || !variables.ContainsKey(v.Name)))
                        {
                            if (list.OfType is NonNullType)
                            {
                                return false;
                            }

                            result.Add(null);
                            continue;
                        }

                        if (!TryValueFromAst(item, list.OfType, variables, out var itemValue))
                        {
                            return false;
                        }

                        result.Add(itemValue);
                    }

                    value = result;
                    return true;
                }

                if (!TryValueFromAst(node, list.OfType, variables, out var single))
                {
                    return false;
                }

                value = new List<object?> { single };
                return true;
            case InputObjectType input:
                if (node is not ObjectValueNode obj)
                {
                    return false;
                }

                var fields = new Dictionary<string, object?>();
                foreach (var field in input.Fields)
                {
                    var fieldNode = obj.Fields.FirstOrDefault(f => f.Name == field.Name);
                    if (fieldNode is null || (fieldNode.Value is VariableNode fv && (variables is null || !variables.ContainsKey(fv.Name))))
                    {
                        if (field.HasDefaultValue)
                        {
                            fields[field.Name] = field.DefaultValue;
                        }
                        else if (field.Type is NonNullType)
                        {
                            return false;
                        }

                        continue;
                    }

                    if (!TryValueFromAst(fieldNode.Value, field.Type, variables, out var fieldValue))
                    {
                        return false;
                    }

                    fields[field.Name] = fieldValue;
                }

                if (obj.Fields.Any(f => input.FindField(f.Name) is null))
                {
                    return false;
                }

                if (input.IsOneOf && (fields.Count != 1 || fields.Values.First() is null))
                {
                    return false;
                }

                value = fields;
                return true;
            case EnumType e:
                if (node is EnumValueNode enumNode && e.FindByName(enumNode.Value) is { } enumValue)
                {
                    value = enumValue.Value;
                    return true;
                }

                return false;
            case ScalarType scalar:
                try
                {
                    value = scalar.ParseLiteral(node);
                    return true;
                }
                catch (ScalarCoercionException)
                {
                    return false;
                }
                catch (FormatException)
                {
                    return false;
                }
                catch (OverflowException)
                {
                    return false;
                }

            default:
                return false;
        }
    }

    public static GraphQLType? TypeFromAst(Schema schema, TypeNode node)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return node switch
        {
            NamedTypeNode named => schema.FindType(named.Name),
            ListTypeNode list => TypeFromAst(schema, list.Type) is { } inner ? new ListType(inner) : null,
            NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.Type) is { } inner ? new NonNullType(inner) : null,
            _ => null,
        };
    }
}

/// <summary>An error that nulls one field (argument coercion, resolver failure) rather than the request.</summary>
public sealed class FieldErrorException : Exception
{
    public FieldErrorException()
    {
        Error = new GraphQLError(string.Empty);
    }

    public FieldErrorException(string message) : base(message)
    {
        Error = new GraphQLError(message);
    }

    public FieldErrorException(string message, Exception innerException) : base(message, innerException)
    {
        Error = new GraphQLError(message);
    }

    public FieldErrorException(GraphQLError error) : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public GraphQLError Error { get; }
}
