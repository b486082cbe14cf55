using System.Text.Json;
using Streaming.GraphQL.Execution;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>An unexpected exception reaches the log with an id; the client gets the id, never the message.</summary>
public sealed class InternalErrorTests : IDisposable
{
    private readonly ObservedDiagnostics _observed = new();

    public void Dispose() => _observed.Dispose();

    [Fact]
    public async Task Resolver_exception_reaches_the_client_only_as_an_id_that_is_logged_with_it()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), diagnostics: _observed.Diagnostics);

        var result = await TestSchema.RunAsync(executor, "{ user(id: \"u1\") { id faulty } }");

        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        var id = InternalErrorAssert.Hidden(error);
        Assert.Equal("""["user","faulty"]""", error.GetProperty("path").GetRawText());
        Assert.Equal("""{"id":"u1","faulty":null}""", result.GetProperty("data").GetProperty("user").GetRawText());
        InternalErrorAssert.Logged(_observed, id);
        Assert.Equal(1, _observed.Count("cdp.graphql.errors.internal{where=resolver}"));
    }

    [Fact]
    public async Task Each_internal_error_gets_its_own_id()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), diagnostics: _observed.Diagnostics);

        var result = await TestSchema.RunAsync(executor, "{ a: user(id: \"u1\") { faulty } b: user(id: \"u2\") { faulty } }");

        var ids = result.GetProperty("errors").EnumerateArray().Select(InternalErrorAssert.Hidden).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal(2, _observed.Count("cdp.graphql.errors.internal{where=resolver}"));
    }

    [Fact]
    public async Task GraphQLException_message_and_extensions_reach_the_client()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), diagnostics: _observed.Diagnostics);

        var result = await TestSchema.RunAsync(executor, "{ user(id: \"u1\") { failing } }");

        Assert.Equal("boom", result.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Empty(_observed.Logger.Entries);
    }
}
