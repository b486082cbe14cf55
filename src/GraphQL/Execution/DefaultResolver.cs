using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Streaming.GraphQL.Execution;

/// <summary>The value of a field without a resolver: a dictionary entry, or a property (any case) of the source.</summary>
internal static class DefaultResolver
{
    private static readonly ConcurrentDictionary<(Type, string), Func<object, object?>?> Getters = new();

    public static object? Resolve(object? source, string name)
    {
        switch (source)
        {
            case null:
                return null;
            case IDictionary<string, object?> dictionary:
                return dictionary.TryGetValue(name, out var value) ? value : null;
            case IReadOnlyDictionary<string, object?> readOnly:
                return readOnly.TryGetValue(name, out var item) ? item : null;
        }

        var getter = Getters.GetOrAdd((source.GetType(), name), static key => Compile(key.Item1, key.Item2));
        return getter?.Invoke(source);
    }

    private static Func<object, object?>? Compile(Type type, string name)
    {
        var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property?.GetMethod is null)
        {
            return null;
        }

        var parameter = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(parameter, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, parameter).Compile();
    }
}

/// <summary>The result of a finished <see cref="Task"/> of any result type, read through a cached delegate.</summary>
internal static class TaskResults
{
    private static readonly ConcurrentDictionary<Type, Func<Task, object?>> Readers = new();

    public static object? Get(Task task) => task switch
    {
        Task<object?> objectTask => objectTask.Result,
        _ => Readers.GetOrAdd(task.GetType(), static type => Compile(type))(task),
    };

    private static Func<Task, object?> Compile(Type type)
    {
        var property = type.GetProperty("Result");
        if (property is null || property.PropertyType.Name == "VoidTaskResult")
        {
            return static _ => null;
        }

        var parameter = Expression.Parameter(typeof(Task));
        var body = Expression.Convert(Expression.Property(Expression.Convert(parameter, type), property), typeof(object));
        return Expression.Lambda<Func<Task, object?>>(body, parameter).Compile();
    }
}
