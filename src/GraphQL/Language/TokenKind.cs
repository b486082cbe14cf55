namespace Streaming.GraphQL.Language;

/// <summary>Lexical token kinds (https://spec.graphql.org/October2021/#sec-Language.Source-Text.Lexical-Tokens).</summary>
public enum TokenKind : byte
{
    StartOfFile,
    EndOfFile,
    Bang,
    Dollar,
    Amp,
    ParenL,
    ParenR,
    Spread,
    Colon,
    Equals,
    At,
    BracketL,
    BracketR,
    BraceL,
    Pipe,
    BraceR,
    Name,
    Int,
    Float,
    String,
    BlockString,
}

internal static class TokenKindText
{
    /// <summary>How graphql-js names a token kind in an error message.</summary>
    public static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.StartOfFile => "<SOF>",
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Bang => "\"!\"",
        TokenKind.Dollar => "\"$\"",
        TokenKind.Amp => "\"&\"",
        TokenKind.ParenL => "\"(\"",
        TokenKind.ParenR => "\")\"",
        TokenKind.Spread => "\"...\"",
        TokenKind.Colon => "\":\"",
        TokenKind.Equals => "\"=\"",
        TokenKind.At => "\"@\"",
        TokenKind.BracketL => "\"[\"",
        TokenKind.BracketR => "\"]\"",
        TokenKind.BraceL => "\"{\"",
        TokenKind.Pipe => "\"|\"",
        TokenKind.BraceR => "\"}\"",
        TokenKind.Name => "Name",
        TokenKind.Int => "Int",
        TokenKind.Float => "Float",
        TokenKind.String => "String",
        TokenKind.BlockString => "BlockString",
        _ => kind.ToString(),
    };
}
