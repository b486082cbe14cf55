using System.Collections;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Execution;

/// <summary>
/// Executes selection plans (https://spec.graphql.org/October2021/#sec-Execution). Work that completes
/// synchronously never allocates a task; sibling fields of a query start together and are awaited
/// together, mutation fields run one after another. A null (or error) in a non-null position erases
/// the nearest nullable parent (https://spec.graphql.org/October2021/#sec-Handling-Field-Errors).
/// </summary>
internal static class Executor
{
    /// <summary>Marks a value erased by a non-null violation whose error is already recorded.</summary>
    private static readonly object Invalid = new();

    public static async ValueTask<ResultMap?> ExecuteOperation(ExecutionContext context, SelectionPlan plan, bool serial)
    {
        var result = serial
            ? await ExecuteSerially(context, plan, context.RootValue)
            : await ExecuteSelection(context, plan, context.RootValue, null);
        return result as ResultMap;
    }

    public static ValueTask<object?> ExecuteSelection(ExecutionContext context, SelectionPlan plan, object? source, ResponsePath? path)
    {
        var fields = plan.Fields;
        var values = new object?[fields.Length];
        List<(int Index, ValueTask<object?> Task)>? pending = null;
        var invalid = false;
        for (var i = 0; i < fields.Length; i++)
        {
            var value = ExecuteField(context, plan.Type, source, fields[i], path);
            if (value.IsCompletedSuccessfully)
            {
                var result = value.Result;
                invalid |= ReferenceEquals(result, Invalid);
                values[i] = result;
            }
            else
            {
                (pending ??= []).Add((i, value));
            }
        }

        if (pending is null)
        {
            return new ValueTask<object?>(invalid ? Invalid : new ResultMap(plan, values));
        }

        return AwaitFields(plan, values, pending, invalid);
    }

    private static async ValueTask<object?> AwaitFields(SelectionPlan plan, object?[] values, List<(int Index, ValueTask<object?> Task)> pending, bool invalid)
    {
        foreach (var (index, task) in pending)
        {
            var result = await task;
            invalid |= ReferenceEquals(result, Invalid);
            values[index] = result;
        }

        return invalid ? Invalid : new ResultMap(plan, values);
    }

    private static async ValueTask<object?> ExecuteSerially(ExecutionContext context, SelectionPlan plan, object? source)
    {
        var values = new object?[plan.Fields.Length];
        var invalid = false;
        for (var i = 0; i < plan.Fields.Length; i++)
        {
            var result = await ExecuteField(context, plan.Type, source, plan.Fields[i], null);
            invalid |= ReferenceEquals(result, Invalid);
            values[i] = result;
        }

        return invalid ? Invalid : new ResultMap(plan, values);
    }

    /// <summary>https://spec.graphql.org/October2021/#ExecuteField()</summary>
    public static ValueTask<object?> ExecuteField(ExecutionContext context, ObjectType parentType, object? source, FieldPlan field, ResponsePath? parentPath)
    {
        var definition = field.Definition;
        object? result;
        try
        {
            var arguments = field.StaticArguments ?? InputCoercion.CoerceArgumentValues(definition.Arguments, field.Nodes[0].Arguments, context.Variables, context.Source, field.Nodes[0]);
            result = definition.Resolve is null
                ? DefaultResolver.Resolve(source, definition.Name)
                : definition.Resolve(new ResolveContext(context, parentType, source, field, arguments, parentPath));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            return new ValueTask<object?>(Fail(context, definition.Type, field, new ResponsePath(parentPath, field.ResponseKey), ex));
        }

        // Leaves (most fields) complete here without a path object or further calls.
        if (field.LeafScalar is { } scalar && result is not Task)
        {
            if (result is not null)
            {
                try
                {
                    return new ValueTask<object?>(scalar.Serialize(result));
                }
                catch (Exception ex) when (ex is ScalarCoercionException or InvalidCastException or FormatException or OverflowException)
                {
                    context.AddError(ex.Message, field, new ResponsePath(parentPath, field.ResponseKey));
                    return new ValueTask<object?>(definition.Type is NonNullType ? Invalid : null);
                }
            }

            if (definition.Type is not NonNullType)
            {
                return default;
            }
        }

        var path = new ResponsePath(parentPath, field.ResponseKey);
        if (result is Task task)
        {
            return CompleteAsync(context, parentType, field, task, path);
        }

        return CompleteValue(context, parentType, definition.Type, field, result, path);
    }

    private static async ValueTask<object?> CompleteAsync(ExecutionContext context, ObjectType parentType, FieldPlan field, Task task, ResponsePath path)
    {
        object? result;
        try
        {
            await task;
            result = TaskResults.Get(task);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            return Fail(context, field.Definition.Type, field, path, ex);
        }

        return await CompleteValue(context, parentType, field.Definition.Type, field, result, path);
    }

    private static object? Fail(ExecutionContext context, GraphQLType type, FieldPlan field, ResponsePath path, Exception exception)
    {
        switch (exception)
        {
            case FieldErrorException fieldError:
                context.AddError(new GraphQLError(fieldError.Error.Message, fieldError.Error.Locations, path.ToList()));
                break;
            case GraphQLException graphQL:
                context.AddError(graphQL.Message, field, path, graphQL.Extensions);
                break;
            default:
                // Any other exception is a fault, and its message is not for the client.
                var id = context.Diagnostics.InternalError(exception, "resolver");
                context.AddError(GraphQLDiagnostics.ClientMessage(id), field, path, GraphQLDiagnostics.ClientExtensions(id));
                break;
        }

        return type is NonNullType ? Invalid : null;
    }

    /// <summary>https://spec.graphql.org/October2021/#CompleteValue()</summary>
    private static ValueTask<object?> CompleteValue(ExecutionContext context, ObjectType parentType, GraphQLType type, FieldPlan field, object? result, ResponsePath path)
    {
        if (type is NonNullType nonNull)
        {
            var inner = CompleteNullable(context, parentType, nonNull.OfType, field, result, path);
            return inner.IsCompletedSuccessfully
                ? new ValueTask<object?>(CheckNonNull(context, parentType, field, inner.Result, path))
                : AwaitNonNull(context, parentType, field, inner, path);
        }

        var value = CompleteNullable(context, parentType, type, field, result, path);
        return value.IsCompletedSuccessfully
            ? new ValueTask<object?>(ReferenceEquals(value.Result, Invalid) ? null : value.Result)
            : AwaitNullable(value);
    }

    private static async ValueTask<object?> AwaitNonNull(ExecutionContext context, ObjectType parentType, FieldPlan field, ValueTask<object?> inner, ResponsePath path) =>
        CheckNonNull(context, parentType, field, await inner, path);

    private static async ValueTask<object?> AwaitNullable(ValueTask<object?> value)
    {
        var result = await value;
        return ReferenceEquals(result, Invalid) ? null : result;
    }

    private static object? CheckNonNull(ExecutionContext context, ObjectType parentType, FieldPlan field, object? value, ResponsePath path)
    {
        if (value is null)
        {
            context.AddError($"Cannot return null for non-nullable field {parentType.Name}.{field.Definition.Name}.", field, path);
            return Invalid;
        }

        return value;
    }

    private static ValueTask<object?> CompleteNullable(ExecutionContext context, ObjectType parentType, GraphQLType type, FieldPlan field, object? result, ResponsePath path)
    {
        if (result is null)
        {
            return default;
        }

        switch (type)
        {
            case ScalarType scalar:
                try
                {
                    return new ValueTask<object?>(scalar.Serialize(result));
                }
                catch (Exception ex) when (ex is ScalarCoercionException or InvalidCastException or FormatException or OverflowException)
                {
                    context.AddError(ex.Message, field, path);
                    return new ValueTask<object?>(Invalid);
                }

            case EnumType enumType:
                var value = enumType.FindByValue(result);
                if (value is null)
                {
                    context.AddError($"Enum \"{enumType.Name}\" cannot represent value: {Scalars.Inspect(result)}", field, path);
                    return new ValueTask<object?>(Invalid);
                }

                return new ValueTask<object?>(value.Name);
            case ListType list:
                return CompleteList(context, parentType, list, field, result, path);
            case ObjectType objectType:
                return ExecuteSelection(context, field.ChildPlan(objectType, context.Collector), result, path);
            default:
                var runtime = ResolveAbstractType(context, (NamedType)type, result);
                if (runtime is null)
                {
                    context.AddError($"Abstract type \"{type}\" must resolve to an Object type at runtime for field \"{parentType.Name}.{field.Definition.Name}\". Either the \"{type}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.", field, path);
                    return new ValueTask<object?>(Invalid);
                }

                return ExecuteSelection(context, field.ChildPlan(runtime, context.Collector), result, path);
        }
    }

    private static ObjectType? ResolveAbstractType(ExecutionContext context, NamedType type, object value)
    {
        var resolved = type switch
        {
            InterfaceType i when i.ResolveType is not null => i.ResolveType(value),
            UnionType u when u.ResolveType is not null => u.ResolveType(value),
            _ => context.Schema.PossibleTypes(type).FirstOrDefault(t => t.IsTypeOf?.Invoke(value) == true),
        };
        return resolved is not null && context.Schema.IsPossibleType(type, resolved) ? resolved : null;
    }

    private static ValueTask<object?> CompleteList(ExecutionContext context, ObjectType parentType, ListType list, FieldPlan field, object result, ResponsePath path)
    {
        if (result is not IEnumerable items || result is string || result is IDictionary)
        {
            context.AddError($"Expected Iterable, but did not find one for field \"{parentType.Name}.{field.Definition.Name}\".", field, path);
            return new ValueTask<object?>(Invalid);
        }

        var values = new List<object?>(items is ICollection c ? c.Count : 4);
        List<(int Index, ValueTask<object?> Task)>? pending = null;
        var invalid = false;
        var index = 0;
        foreach (var item in items)
        {
            var value = CompleteValue(context, parentType, list.OfType, field, item, new ResponsePath(path, index));
            if (value.IsCompletedSuccessfully)
            {
                invalid |= ReferenceEquals(value.Result, Invalid);
                values.Add(value.Result);
            }
            else
            {
                values.Add(null);
                (pending ??= []).Add((index, value));
            }

            index++;
        }

        if (pending is null)
        {
            return new ValueTask<object?>(invalid ? Invalid : values);
        }

        return AwaitItems(values, pending, invalid);
    }

    private static async ValueTask<object?> AwaitItems(List<object?> values, List<(int Index, ValueTask<object?> Task)> pending, bool invalid)
    {
        foreach (var (index, task) in pending)
        {
            var result = await task;
            invalid |= ReferenceEquals(result, Invalid);
            values[index] = result;
        }

        return invalid ? Invalid : values;
    }
}
