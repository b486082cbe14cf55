using System.Text;
using Streaming.GraphQL.Execution;
using Streaming.GraphQL.Types;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>Limits on what one document may ask: its size before parsing, its fields and aliases before the spec rules, introspection in the cost.</summary>
public sealed class OperationLimitTests : IDisposable
{
    private readonly ObservedDiagnostics _observed = new();

    public void Dispose() => _observed.Dispose();

    private static string Aliases(int count, string field) =>
        "{ " + string.Join(" ", Enumerable.Range(0, count).Select(i => $"a{i}: {field}")) + " }";

    private static IEnumerable<string> Messages(System.Text.Json.JsonElement result) =>
        result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!);

    [Fact]
    public async Task Query_with_2000_aliases_is_refused_with_a_clear_error_and_nothing_resolved()
    {
        var resolved = 0;
        var query = new ObjectType("Query");
        query.Field("expensive", Scalars.Int, _ => Interlocked.Increment(ref resolved));
        var executor = new GraphQLExecutor(new Schema(query), diagnostics: _observed.Diagnostics);

        var result = await TestSchema.RunAsync(executor, Aliases(2000, "expensive"));

        Assert.Equal(
            ["The operation selects 2000 fields; at most 1000 are allowed.", "The operation uses 2000 aliases; at most 100 are allowed."],
            Messages(result));
        Assert.Equal(1, result.GetProperty("errors")[0].GetProperty("locations")[0].GetProperty("line").GetInt32());
        Assert.False(result.TryGetProperty("data", out _));
        Assert.Equal(0, resolved);
        Assert.Equal(1, _observed.Count("cdp.graphql.requests.rejected{limit=fields_or_aliases}"));
    }

    [Fact]
    public async Task Query_with_2000_aliases_is_refused_before_the_spec_rules_run()
    {
        // Every alias names an unknown field: had FieldsOnCorrectType (or the quadratic
        // OverlappingFieldsCanBeMerged) walked the document, its errors would be here too.
        var executor = new GraphQLExecutor(TestSchema.Build(), diagnostics: _observed.Diagnostics);

        var result = await TestSchema.RunAsync(executor, Aliases(2000, "nope"));

        Assert.Equal(
            ["The operation selects 2000 fields; at most 1000 are allowed.", "The operation uses 2000 aliases; at most 100 are allowed."],
            Messages(result));
        Assert.Equal(0, executor.CachedDocuments);
    }

    [Fact]
    public async Task Aliases_within_the_limit_execute()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), new ExecutionLimits { MaxAliases = 100 });
        var result = await TestSchema.RunAsync(executor, Aliases(100, "hello"));
        Assert.Equal(100, result.GetProperty("data").EnumerateObject().Count());
    }

    [Fact]
    public async Task Fields_are_counted_through_fragments_where_they_are_spread()
    {
        // Each fragment spreads the next one twice under different aliases: 2^40 selections from 40 lines.
        var document = new StringBuilder("query Q { user(id: \"u1\") { ...F0 } }\n");
        for (var i = 0; i < 40; i++)
        {
            document.Append(CultureInvariant($"fragment F{i} on User {{ a: friends {{ ...F{i + 1} }} b: friends {{ ...F{i + 1} }} }}\n"));
        }

        document.Append("fragment F40 on User { id }\n");
        var executor = new GraphQLExecutor(TestSchema.Build(), diagnostics: _observed.Diagnostics);

        var result = await TestSchema.RunAsync(executor, document.ToString());

        Assert.Equal(
            ["Operation \"Q\" selects 3298534883327 fields; at most 1000 are allowed.", "Operation \"Q\" uses 2199023255550 aliases; at most 100 are allowed."],
            Messages(result));
    }

    [Fact]
    public async Task Document_over_the_byte_limit_is_refused_before_parsing()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), new ExecutionLimits { MaxDocumentBytes = 1024 }, diagnostics: _observed.Diagnostics);

        // Unparseable too: the size error, not a syntax error, says it was never parsed.
        var result = await TestSchema.RunAsync(executor, "{ hello " + new string('{', 2000));

        Assert.Equal(["The document is more than 1024 bytes long, the maximum."], Messages(result));
        Assert.Equal(1, _observed.Count("cdp.graphql.requests.rejected{limit=document_bytes}"));
    }

    [Fact]
    public async Task Document_size_is_counted_in_UTF8_bytes_not_characters()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), new ExecutionLimits { MaxDocumentBytes = 1024 });
        var query = "# " + new string('é', 600) + "\n{ hello }";

        var result = await TestSchema.RunAsync(executor, query);

        Assert.True(query.Length < 1024);
        Assert.Equal([$"The document is {Encoding.UTF8.GetByteCount(query)} bytes long; at most 1024 are allowed."], Messages(result));
    }

    [Fact]
    public async Task Introspection_fields_count_in_the_cost()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), new ExecutionLimits { MaxCost = 100 });

        // __schema 1 + types 1 + 10 x (name 1 + fields 1 + 10 x name 1).
        var result = await TestSchema.RunAsync(executor, "{ __schema { types { name fields { name } } } }");

        Assert.Equal(["Query cost 122 exceeds the maximum cost of 100."], Messages(result));
    }

    [Fact]
    public async Task Introspection_aliases_count_like_any_other()
    {
        var executor = new GraphQLExecutor(TestSchema.Build());
        var result = await TestSchema.RunAsync(executor, Aliases(101, "__typename"));
        Assert.Equal(["The operation uses 101 aliases; at most 100 are allowed."], Messages(result));
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
