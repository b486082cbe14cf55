using Streaming.GraphQL.Language.Ast;

namespace Streaming.GraphQL.Language;

/// <summary>
/// Recursive-descent parser for executable documents, one method per grammar production
/// (https://spec.graphql.org/October2021/#sec-Document). Error texts match graphql-js.
/// </summary>
public sealed partial class Parser
{
    private readonly Lexer _lexer;
    private readonly Source _source;
    private readonly ParserOptions _options;
    private int _depth;

    private Parser(Source source, ParserOptions options)
    {
        _source = source;
        _options = options;
        _lexer = new Lexer(source);
    }

    public static DocumentNode Parse(string text, ParserOptions? options = null) => Parse(new Source(text), options);

    public static DocumentNode Parse(Source source, ParserOptions? options = null) =>
        new Parser(source, options ?? ParserOptions.Default).ParseDocument();

    /// <summary>Parses a single value (for default values written as text).</summary>
    public static ValueNode ParseValue(string text)
    {
        var parser = new Parser(new Source(text), ParserOptions.Default);
        parser.Expect(TokenKind.StartOfFile);
        var value = parser.ParseValueLiteral(false);
        parser.Expect(TokenKind.EndOfFile);
        return value;
    }

    private Token Token => _lexer.Token;

    // https://spec.graphql.org/October2021/#Document
    private DocumentNode ParseDocument()
    {
        var start = Token.Start;
        Expect(TokenKind.StartOfFile);
        var definitions = new List<DefinitionNode>();
        do
        {
            definitions.Add(ParseDefinition());
        }
        while (!ExpectOptional(TokenKind.EndOfFile));

        return new DocumentNode { Definitions = definitions, Source = _source, Location = new(start, _lexer.LastEnd) };
    }

    // https://spec.graphql.org/October2021/#Definition
    private DefinitionNode ParseDefinition()
    {
        if (Peek(TokenKind.BraceL))
        {
            return ParseOperationDefinition();
        }

        var hasDescription = Peek(TokenKind.String) || Peek(TokenKind.BlockString);
        var keyword = hasDescription ? _lexer.Lookahead() : Token;
        if (keyword.Kind == TokenKind.Name)
        {
            if (IsTypeSystemKeyword(keyword.Value!))
            {
                return ParseTypeSystemDefinition();
            }

            if (hasDescription)
            {
                throw new GraphQLSyntaxException(_source, Token.Start, "Unexpected description, descriptions are supported only on type definitions.");
            }

            switch (keyword.Value)
            {
                case "query" or "mutation" or "subscription":
                    return ParseOperationDefinition();
                case "fragment":
                    return ParseFragmentDefinition();
                case "extend":
                    return ParseTypeSystemDefinition();
            }
        }

        throw Unexpected(keyword);
    }

    // https://spec.graphql.org/October2021/#OperationDefinition
    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = Token.Start;
        if (Peek(TokenKind.BraceL))
        {
            return new OperationDefinitionNode
            {
                Operation = OperationType.Query,
                VariableDefinitions = [],
                Directives = [],
                SelectionSet = ParseSelectionSet(),
                Location = new(start, _lexer.LastEnd),
            };
        }

        var operation = ParseOperationType();
        string? name = null;
        var nameLocation = default(Location);
        if (Peek(TokenKind.Name))
        {
            var nameStart = Token.Start;
            name = ParseName();
            nameLocation = new Location(nameStart, _lexer.LastEnd);
        }

        return new OperationDefinitionNode
        {
            Operation = operation,
            Name = name,
            NameLocation = nameLocation,
            VariableDefinitions = ParseVariableDefinitions(),
            Directives = ParseDirectives(false),
            SelectionSet = ParseSelectionSet(),
            Location = new(start, _lexer.LastEnd),
        };
    }

    // https://spec.graphql.org/October2021/#OperationType
    private OperationType ParseOperationType()
    {
        var token = Expect(TokenKind.Name);
        return token.Value switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => throw Unexpected(token),
        };
    }

    // https://spec.graphql.org/October2021/#VariableDefinitions
    private List<VariableDefinitionNode> ParseVariableDefinitions()
    {
        var list = new List<VariableDefinitionNode>();
        if (ExpectOptional(TokenKind.ParenL))
        {
            do
            {
                list.Add(ParseVariableDefinition());
            }
            while (!ExpectOptional(TokenKind.ParenR));
        }

        return list;
    }

    // https://spec.graphql.org/October2021/#VariableDefinition
    private VariableDefinitionNode ParseVariableDefinition()
    {
        var start = Token.Start;
        var variable = ParseVariable();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = ExpectOptional(TokenKind.Equals) ? ParseValueLiteral(true) : null;
        return new VariableDefinitionNode
        {
            Variable = variable,
            Type = type,
            DefaultValue = defaultValue,
            Directives = ParseDirectives(true),
            Location = new(start, _lexer.LastEnd),
        };
    }

    // https://spec.graphql.org/October2021/#Variable
    private VariableNode ParseVariable()
    {
        var start = Token.Start;
        Expect(TokenKind.Dollar);
        var nameStart = Token.Start;
        var name = ParseName();
        return new VariableNode { Name = name, NameLocation = new(nameStart, _lexer.LastEnd), Location = new(start, _lexer.LastEnd) };
    }

    // https://spec.graphql.org/October2021/#SelectionSet
    private SelectionSetNode ParseSelectionSet()
    {
        var start = Token.Start;
        Enter(start);
        Expect(TokenKind.BraceL);
        var selections = new List<SelectionNode>();
        do
        {
            selections.Add(Peek(TokenKind.Spread) ? ParseFragment() : ParseField());
        }
        while (!ExpectOptional(TokenKind.BraceR));

        _depth--;
        return new SelectionSetNode { Selections = selections, Location = new(start, _lexer.LastEnd) };
    }

    // https://spec.graphql.org/October2021/#Field
    private FieldNode ParseField()
    {
        var start = Token.Start;
        var nameOrAlias = ParseName();
        string? alias = null;
        string name;
        var nameStart = start;
        if (ExpectOptional(TokenKind.Colon))
        {
            alias = nameOrAlias;
            nameStart = Token.Start;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }

        var nameEnd = _lexer.LastEnd;
        var arguments = ParseArguments(false);
        var directives = ParseDirectives(false);
        var selectionSet = Peek(TokenKind.BraceL) ? ParseSelectionSet() : null;
        return new FieldNode
        {
            Alias = alias,
            Name = name,
            NameLocation = new(nameStart, nameEnd),
            Arguments = arguments,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = new(start, _lexer.LastEnd),
        };
    }

    // https://spec.graphql.org/October2021/#Arguments
    private List<ArgumentNode> ParseArguments(bool isConst)
    {
        var list = new List<ArgumentNode>();
        if (ExpectOptional(TokenKind.ParenL))
        {
            do
            {
                var start = Token.Start;
                var name = ParseName();
                var nameLocation = new Location(start, _lexer.LastEnd);
                Expect(TokenKind.Colon);
                list.Add(new ArgumentNode { Name = name, NameLocation = nameLocation, Value = ParseValueLiteral(isConst), Location = new(start, _lexer.LastEnd) });
            }
            while (!ExpectOptional(TokenKind.ParenR));
        }

        return list;
    }

    // https://spec.graphql.org/October2021/#FragmentSpread and #InlineFragment
    private SelectionNode ParseFragment()
    {
        var start = Token.Start;
        Expect(TokenKind.Spread);
        var hasTypeCondition = ExpectOptionalKeyword("on");
        if (!hasTypeCondition && Peek(TokenKind.Name))
        {
            var nameStart = Token.Start;
            var name = ParseFragmentName();
            var nameLocation = new Location(nameStart, _lexer.LastEnd);
            return new FragmentSpreadNode { Name = name, NameLocation = nameLocation, Directives = ParseDirectives(false), Location = new(start, _lexer.LastEnd) };
        }

        return new InlineFragmentNode
        {
            TypeCondition = hasTypeCondition ? ParseNamedType() : null,
            Directives = ParseDirectives(false),
            SelectionSet = ParseSelectionSet(),
            Location = new(start, _lexer.LastEnd),
        };
    }

    // https://spec.graphql.org/October2021/#FragmentDefinition
    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = Token.Start;
        ExpectKeyword("fragment");
        var nameStart = Token.Start;
        var name = ParseFragmentName();
        var nameLocation = new Location(nameStart, _lexer.LastEnd);
        ExpectKeyword("on");
        return new FragmentDefinitionNode
        {
            Name = name,
            NameLocation = nameLocation,
            TypeCondition = ParseNamedType(),
            Directives = ParseDirectives(false),
            SelectionSet = ParseSelectionSet(),
            Location = new(start, _lexer.LastEnd),
        };
    }

    // https://spec.graphql.org/October2021/#FragmentName
    private string ParseFragmentName()
    {
        if (Token.Kind == TokenKind.Name && Token.Value == "on")
        {
            throw Unexpected(Token);
        }

        return ParseName();
    }

    // https://spec.graphql.org/October2021/#Directives
    private List<DirectiveNode> ParseDirectives(bool isConst)
    {
        var list = new List<DirectiveNode>();
        while (Peek(TokenKind.At))
        {
            var start = Token.Start;
            _lexer.Advance();
            CountToken();
            var name = ParseName();
            list.Add(new DirectiveNode { Name = name, Arguments = ParseArguments(isConst), Location = new(start, _lexer.LastEnd) });
        }

        return list;
    }

    // https://spec.graphql.org/October2021/#Type
    private TypeNode ParseTypeReference()
    {
        var start = Token.Start;
        TypeNode type;
        if (ExpectOptional(TokenKind.BracketL))
        {
            Enter(start);
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketR);
            _depth--;
            type = new ListTypeNode { Type = inner, Location = new(start, _lexer.LastEnd) };
        }
        else
        {
            type = ParseNamedType();
        }

        return ExpectOptional(TokenKind.Bang) ? new NonNullTypeNode { Type = type, Location = new(start, _lexer.LastEnd) } : type;
    }

    // https://spec.graphql.org/October2021/#NamedType
    private NamedTypeNode ParseNamedType()
    {
        var start = Token.Start;
        return new NamedTypeNode { Name = ParseName(), Location = new(start, _lexer.LastEnd) };
    }

    // https://spec.graphql.org/October2021/#Name
    private string ParseName() => Expect(TokenKind.Name).Value!;
}
