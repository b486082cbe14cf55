using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Language;

public sealed partial class Parser
{
    // https://spec.graphql.org/October2021/#Value
    private ValueNode ParseValueLiteral(bool isConst)
    {
        var token = Token;
        var location = new Location(token.Start, token.End);
        switch (token.Kind)
        {
            case TokenKind.BracketL:
                return ParseList(isConst);
            case TokenKind.BraceL:
                return ParseObject(isConst);
            case TokenKind.Int:
                Advance();
                return new IntValueNode { Value = token.Value!, Location = location };
            case TokenKind.Float:
                Advance();
                return new FloatValueNode { Value = token.Value!, Location = location };
            case TokenKind.String or TokenKind.BlockString:
                Advance();
                return new StringValueNode { Value = token.Value!, Block = token.Kind == TokenKind.BlockString, Location = location };
            case TokenKind.Name:
                Advance();
                return token.Value switch
                {
                    "true" => new BooleanValueNode { Value = true, Location = location },
                    "false" => new BooleanValueNode { Value = false, Location = location },
                    "null" => new NullValueNode { Location = location },
                    _ => new EnumValueNode { Value = token.Value!, Location = location },
                };
            case TokenKind.Dollar:
                if (isConst)
                {
                    Advance();
                    if (Token.Kind == TokenKind.Name)
                    {
                        throw new GraphQLSyntaxException(_source, token.Start, $"Unexpected variable \"${Token.Value}\" in constant value.");
                    }

                    throw Unexpected(token);
                }

                return ParseVariable();
            default:
                throw Unexpected(token);
        }
    }

    // https://spec.graphql.org/October2021/#ListValue
    private ListValueNode ParseList(bool isConst)
    {
        var start = Token.Start;
        Enter(start);
        Expect(TokenKind.BracketL);
        var values = new List<ValueNode>();
        while (!ExpectOptional(TokenKind.BracketR))
        {
            values.Add(ParseValueLiteral(isConst));
        }

        _depth--;
        return new ListValueNode { Values = values, Location = new(start, _lexer.LastEnd) };
    }

    // https://spec.graphql.org/October2021/#ObjectValue
    private ObjectValueNode ParseObject(bool isConst)
    {
        var start = Token.Start;
        Enter(start);
        Expect(TokenKind.BraceL);
        var fields = new List<ObjectFieldNode>();
        while (!ExpectOptional(TokenKind.BraceR))
        {
            var fieldStart = Token.Start;
            var name = ParseName();
            var nameLocation = new Location(fieldStart, _lexer.LastEnd);
            Expect(TokenKind.Colon);
            fields.Add(new ObjectFieldNode { Name = name, NameLocation = nameLocation, Value = ParseValueLiteral(isConst), Location = new(fieldStart, _lexer.LastEnd) });
        }

        _depth--;
        return new ObjectValueNode { Fields = fields, Location = new(start, _lexer.LastEnd) };
    }
}
