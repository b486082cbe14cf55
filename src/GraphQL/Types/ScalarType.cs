using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Types;

/// <summary>
/// https://spec.graphql.org/October2021/#sec-Scalars. A scalar converts in three directions: result
/// values to what the response carries, variable values (from JSON) and literals to internal values.
/// Each throws <see cref="ScalarCoercionException"/> with graphql-js's wording when it cannot.
/// </summary>
public class ScalarType(string name, string? description = null) : NamedType(name, description)
{
    public string? SpecifiedByUrl { get; init; }

    public required Func<object, object> Serialize { get; init; }

    public required Func<object, object> ParseValue { get; init; }

    public required Func<ValueNode, object> ParseLiteral { get; init; }
}

/// <summary>A value a scalar cannot represent.</summary>
public sealed class ScalarCoercionException : Exception
{
    public ScalarCoercionException()
    {
    }

    public ScalarCoercionException(string message) : base(message)
    {
    }

    public ScalarCoercionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
