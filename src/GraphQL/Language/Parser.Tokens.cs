using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Language;

public sealed partial class Parser
{
    private static readonly HashSet<string> TypeSystemKeywords =
        ["schema", "scalar", "type", "interface", "union", "enum", "input", "directive"];

    private static bool IsTypeSystemKeyword(string name) => TypeSystemKeywords.Contains(name);

    private bool Peek(TokenKind kind) => Token.Kind == kind;

    private void Advance()
    {
        _lexer.Advance();
        CountToken();
    }

    private void CountToken()
    {
        if (_lexer.TokenCount > _options.MaxTokens)
        {
            throw new GraphQLSyntaxException(_source, Token.Start, $"Document contains more than {_options.MaxTokens} tokens. Parsing aborted.");
        }
    }

    private void Enter(int offset)
    {
        if (++_depth > _options.MaxDepth)
        {
            throw new GraphQLSyntaxException(_source, offset, $"Document is nested deeper than {_options.MaxDepth} levels. Parsing aborted.");
        }
    }

    private Token Expect(TokenKind kind)
    {
        var token = Token;
        if (token.Kind == kind)
        {
            Advance();
            return token;
        }

        throw new GraphQLSyntaxException(_source, token.Start, $"Expected {TokenKindText.Describe(kind)}, found {token.Describe()}.");
    }

    private bool ExpectOptional(TokenKind kind)
    {
        if (Token.Kind == kind)
        {
            Advance();
            return true;
        }

        return false;
    }

    private void ExpectKeyword(string value)
    {
        if (!ExpectOptionalKeyword(value))
        {
            throw new GraphQLSyntaxException(_source, Token.Start, $"Expected \"{value}\", found {Token.Describe()}.");
        }
    }

    private bool ExpectOptionalKeyword(string value)
    {
        if (Token.Kind == TokenKind.Name && Token.Value == value)
        {
            Advance();
            return true;
        }

        return false;
    }

    private GraphQLSyntaxException Unexpected(Token token) =>
        new(_source, token.Start, $"Unexpected {token.Describe()}.");

    /// <summary>
    /// Type system definitions are not executable (https://spec.graphql.org/October2021/#sec-Executable-Definitions):
    /// the tokens are consumed so that validation can name the definition, not interpreted.
    /// </summary>
    private TypeSystemDefinitionNode ParseTypeSystemDefinition()
    {
        var start = Token.Start;
        if (Peek(TokenKind.String) || Peek(TokenKind.BlockString))
        {
            Advance();
        }

        var keyword = Expect(TokenKind.Name).Value!;
        var kind = keyword;
        if (keyword == "extend")
        {
            kind = Token.Value ?? keyword;
            Advance();
        }

        var name = Peek(TokenKind.Name) ? Token.Value : null;
        var hasBody = kind is "schema" or "type" or "interface" or "input" or "enum";
        var depth = 0;
        while (true)
        {
            var token = Token;
            if (token.Kind == TokenKind.EndOfFile)
            {
                if (depth > 0)
                {
                    throw Unexpected(token);
                }

                break;
            }

            if (depth == 0 && (token.Kind is TokenKind.String or TokenKind.BlockString
                || (token.Kind == TokenKind.BraceL && !hasBody)
                || (token.Kind == TokenKind.Name && (IsTypeSystemKeyword(token.Value!) || token.Value is "extend" or "query" or "mutation" or "subscription" or "fragment") && token.Start != start)))
            {
                break;
            }

            Advance();
            if (token.Kind is TokenKind.BraceL or TokenKind.ParenL or TokenKind.BracketL)
            {
                depth++;
            }
            else if (token.Kind is TokenKind.BraceR or TokenKind.ParenR or TokenKind.BracketR)
            {
                depth--;
                if (depth == 0 && token.Kind == TokenKind.BraceR && hasBody)
                {
                    break;
                }
            }
        }

        return new TypeSystemDefinitionNode { Keyword = keyword, Name = name, Location = new(start, _lexer.LastEnd) };
    }
}
