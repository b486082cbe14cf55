using Streaming.GraphQL.Execution;

namespace Streaming.GraphQL.Types;

/// <summary>
/// Produces a field's value. May return the value itself, or a <see cref="Task"/> (of any result type)
/// when it must wait; the engine awaits it and keeps resolving sibling fields meanwhile.
/// </summary>
public delegate object? FieldResolver(ResolveContext context);

/// <summary>For a root subscription field: the stream of events, each executed as the field's source.</summary>
public delegate IAsyncEnumerable<object?> SubscriptionSource(ResolveContext context);

/// <summary>A field of an object or interface type (https://spec.graphql.org/October2021/#FieldsDefinition).</summary>
public sealed class FieldDefinition(string name, GraphQLType type)
{
    private readonly List<InputValueDefinition> _arguments = [];

    public string Name { get; } = NameRules.Check(name);

    public GraphQLType Type { get; internal set; } = type;

    public string? Description { get; set; }

    public string? DeprecationReason { get; set; }

    public IReadOnlyList<InputValueDefinition> Arguments => _arguments;

    /// <summary>When null, the value is read from the source: a dictionary entry or a property of the same name.</summary>
    public FieldResolver? Resolve { get; set; }

    public SubscriptionSource? Subscribe { get; set; }

    /// <summary>What the field adds to a query's cost (see <see cref="Execution.ExecutionLimits"/>); lists multiply their children.</summary>
    public int Cost { get; set; } = 1;

    public FieldDefinition Argument(string name, GraphQLType type, string? description = null, object? defaultValue = null, bool hasDefault = false, string? deprecationReason = null)
    {
        var argument = new InputValueDefinition(name, type) { Description = description, DeprecationReason = deprecationReason };
        if (hasDefault)
        {
            argument.Default(defaultValue);
        }

        _arguments.Add(argument);
        return this;
    }

    public InputValueDefinition? FindArgument(string name)
    {
        foreach (var argument in _arguments)
        {
            if (argument.Name == name)
            {
                return argument;
            }
        }

        return null;
    }

    public FieldDefinition Deprecated(string reason = DirectiveDefinition.DefaultDeprecationReason)
    {
        DeprecationReason = reason;
        return this;
    }

    public FieldDefinition Describe(string description)
    {
        Description = description;
        return this;
    }
}
