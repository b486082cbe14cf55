using Streaming.GraphQL.Language;
using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Execution;

/// <summary>An entry of the response's "errors" (https://spec.graphql.org/October2021/#sec-Errors).</summary>
public sealed class GraphQLError
{
    public GraphQLError(string message, IReadOnlyList<SourceLocation>? locations = null, IReadOnlyList<object>? path = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        Message = message;
        Locations = locations ?? [];
        Path = path;
        Extensions = extensions;
    }

    public string Message { get; }

    public IReadOnlyList<SourceLocation> Locations { get; }

    public IReadOnlyList<object>? Path { get; }

    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    /// <summary>An error located at the given nodes of a document.</summary>
    public static GraphQLError At(string message, Source source, params Node?[] nodes) =>
        new(message, [.. nodes.Where(n => n is not null).Select(n => source.GetLocation(n!.Location.Start))]);

    public static GraphQLError FromSyntax(GraphQLSyntaxException exception) => new(exception.Message, [exception.Location]);

    public override string ToString() => Message + (Locations.Count > 0 ? $" ({Locations[0].Line}:{Locations[0].Column})" : string.Empty);
}

/// <summary>Thrown by a resolver for an error the client should see with extensions (a code, a field).</summary>
public class GraphQLException : Exception
{
    public GraphQLException()
    {
    }

    public GraphQLException(string message) : base(message)
    {
    }

    public GraphQLException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public GraphQLException(string message, IReadOnlyDictionary<string, object?> extensions) : base(message)
    {
        Extensions = extensions;
    }

    public IReadOnlyDictionary<string, object?>? Extensions { get; }
}
