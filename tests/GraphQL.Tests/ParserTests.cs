using Streaming.GraphQL.Language;

namespace Streaming.GraphQL.Tests;

public class ParserTests
{
    [Theory]
    [InlineData("{ a { } }", "Syntax Error: Expected Name, found \"}\".", 1, 7)]
    [InlineData("{", "Syntax Error: Expected Name, found <EOF>.", 1, 2)]
    [InlineData("", "Syntax Error: Unexpected <EOF>.", 1, 1)]
    [InlineData("query { a(x: $) }", "Syntax Error: Expected Name, found \")\".", 1, 15)]
    [InlineData("{ a(x: \"abc) }", "Syntax Error: Unterminated string.", 1, 15)]
    [InlineData("{ a(x: 01) }", "Syntax Error: Invalid number, unexpected digit after 0: \"1\".", 1, 9)]
    [InlineData("{ a(x: 1.a) }", "Syntax Error: Invalid number, expected digit but got: \"a\".", 1, 10)]
    [InlineData("{ a % }", "Syntax Error: Unexpected character: \"%\".", 1, 5)]
    [InlineData("fragment on on T { a }", "Syntax Error: Unexpected Name \"on\".", 1, 10)]
    [InlineData("fragment F T { a }", "Syntax Error: Expected \"on\", found Name \"T\".", 1, 12)]
    [InlineData("query Q($a: Int = $b) { a }", "Syntax Error: Unexpected variable \"$b\" in constant value.", 1, 19)]
    [InlineData("{ a(x: \"\\q\") }", "Syntax Error: Invalid character escape sequence: \"\\q\".", 1, 9)]
    [InlineData("\n\n  { a }\n  notAnOperation", "Syntax Error: Unexpected Name \"notAnOperation\".", 4, 3)]
    [InlineData("{ a(x: 'b') }", "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?", 1, 8)]
    public void Syntax_errors_read_like_graphql_js(string source, string message, int line, int column)
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(source));
        Assert.Equal(message, error.Message);
        Assert.Equal(new SourceLocation(line, column), error.Location);
    }

    [Fact]
    public void Syntax_error_text_shows_the_line_with_a_caret()
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{\n  a {\n  }\n}"));
        Assert.Equal("Syntax Error: Expected Name, found \"}\".\n\nGraphQL request:3:3\n2 |   a {\n3 |   }\n  |   ^\n4 | }", error.ToString());
    }

    [Fact]
    public void Documents_deeper_than_the_limit_are_rejected()
    {
        var deep = string.Concat(Enumerable.Repeat("{a", 100)) + string.Concat(Enumerable.Repeat("}", 100));
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(deep, new ParserOptions { MaxDepth = 50 }));
        Assert.Contains("nested deeper than 50", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_with_more_tokens_than_the_limit_are_rejected()
    {
        var wide = "{" + string.Join(" ", Enumerable.Range(0, 200).Select(i => "f" + i)) + "}";
        var error = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(wide, new ParserOptions { MaxTokens = 100 }));
        Assert.Equal("Syntax Error: Document contains more than 100 tokens. Parsing aborted.", error.Message);
    }

    [Fact]
    public void Printer_prints_like_graphql_js()
    {
        var source = "query Q($a: Int = 1) @x { a: b(x: 1, y: {z: [1, 2]}) { ...F ... on T { c } } } fragment F on T { d }";
        Assert.Equal("query Q($a: Int = 1) @x {\n  a: b(x: 1, y: {z: [1, 2]}) {\n    ...F\n    ... on T {\n      c\n    }\n  }\n}\n\nfragment F on T {\n  d\n}",
            Printer.Print(Parser.Parse(source)));
    }

    [Fact]
    public void Block_strings_are_dedented_and_unicode_escapes_decoded()
    {
        var document = Parser.Parse("{ a(x: \"\"\"\n    hello\n      world\n  \"\"\", y: \"\\u00e9\\u{1F600}\") }");
        var field = (Language.Ast.FieldNode)((Language.Ast.OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[0];
        Assert.Equal("hello\n  world", ((Language.Ast.StringValueNode)field.Arguments[0].Value).Value);
        Assert.Equal("é😀", ((Language.Ast.StringValueNode)field.Arguments[1].Value).Value);
    }
}
