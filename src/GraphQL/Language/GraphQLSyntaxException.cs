namespace Streaming.GraphQL.Language;

/// <summary>A document that is not valid GraphQL syntax; the message reads like graphql-js's.</summary>
public sealed class GraphQLSyntaxException : Exception
{
    public GraphQLSyntaxException(Source source, int offset, string description)
        : base("Syntax Error: " + description)
    {
        ArgumentNullException.ThrowIfNull(source);
        Document = source;
        Offset = offset;
        Location = source.GetLocation(offset);
    }

    public GraphQLSyntaxException()
    {
        Document = new Source(string.Empty);
    }

    public GraphQLSyntaxException(string message) : base(message)
    {
        Document = new Source(string.Empty);
    }

    public GraphQLSyntaxException(string message, Exception innerException) : base(message, innerException)
    {
        Document = new Source(string.Empty);
    }

    public Source Document { get; }

    public int Offset { get; }

    public SourceLocation Location { get; }

    /// <summary>The message, then the source lines with a caret under the error, as graphql-js's toString prints it.</summary>
    public override string ToString() => Message + "\n\n" + Document.PrintLocation(Location);
}
