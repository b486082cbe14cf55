namespace Streaming.GraphQL.Language;

/// <summary>A token: its kind and byte range; <see cref="Value"/> holds the decoded text of names, numbers and strings.</summary>
public readonly record struct Token(TokenKind Kind, int Start, int End, string? Value)
{
    /// <summary>How graphql-js describes a token in an error: <c>Name "foo"</c>, <c>"}"</c>, <c>&lt;EOF&gt;</c>.</summary>
    public string Describe() => Value is null ? TokenKindText.Describe(Kind) : $"{TokenKindText.Describe(Kind)} \"{Value}\"";
}
