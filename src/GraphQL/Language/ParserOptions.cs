namespace Streaming.GraphQL.Language;

/// <summary>Limits against hostile documents, checked while parsing.</summary>
public sealed record ParserOptions
{
    public static ParserOptions Default { get; } = new();

    /// <summary>At most this many tokens (graphql-js's maxTokens).</summary>
    public int MaxTokens { get; init; } = 15_000;

    /// <summary>At most this many nested selection sets, lists or objects.</summary>
    public int MaxDepth { get; init; } = 64;
}
