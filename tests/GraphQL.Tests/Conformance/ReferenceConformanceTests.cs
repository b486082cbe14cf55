using System.Text.Json;
using Streaming.GraphQL.Language;
using Streaming.GraphQL.Types;
using Streaming.GraphQL.Validation;
using Streaming.TestSupport;

namespace Streaming.GraphQL.Tests.Conformance;

/// <summary>Our server and engine against graphql-js, graphql-http and graphql-ws (the reference tools from npm).</summary>
[Collection(ServerCollection.Name)]
public sealed class ReferenceConformanceTests(GraphQLServerFixture server)
{
    [Fact]
    public async Task Graphql_js_builds_a_valid_client_schema_from_our_introspection_and_prints_our_SDL()
    {
        var sdl = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(sdl, SchemaPrinter.Print(server.Executor.Schema));
            var result = await GraphQLServerFixture.RunNodeAsync("schema-check.mjs", server.HttpUrl.ToString(), sdl);
            Assert.Equal(200, result.GetProperty("status").GetInt32());
            Assert.True(result.GetProperty("built").GetBoolean(), result.ToString());
            Assert.Empty(result.GetProperty("validateSchema").EnumerateArray());
            Assert.Equal(await File.ReadAllTextAsync(sdl), result.GetProperty("printed").GetString());
        }
        finally
        {
            File.Delete(sdl);
        }
    }

    [Fact]
    public async Task Our_validator_and_graphql_js_agree_on_the_corpus()
    {
        var corpusFile = Path.Combine(RepositoryRoot.Path, "tests", "node", "graphql", "corpus.graphql");
        var expected = await GraphQLServerFixture.RunNodeAsync("validate-corpus.mjs", server.HttpUrl.ToString(), corpusFile);
        var documents = System.Text.RegularExpressions.Regex.Split(await File.ReadAllTextAsync(corpusFile), "^# -{3,}.*$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(d => d.Trim()).Where(d => d.Length > 0).ToList();
        Assert.Equal(expected.GetArrayLength(), documents.Count);
        var disagreements = new List<string>();
        var invalid = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var reference = expected[i];
            var errors = DocumentValidator.Validate(server.Executor.Schema, Parser.Parse(documents[i]));
            var ours = errors.SelectMany(e => e.Locations.Select(l => $"{l.Line}:{l.Column}")).Order(StringComparer.Ordinal).ToList();
            var theirs = reference.GetProperty("locations").EnumerateArray().Select(l => l.GetString()!).ToList();
            invalid += reference.GetProperty("invalid").GetBoolean() ? 1 : 0;
            if (reference.GetProperty("invalid").GetBoolean() != errors.Count > 0 || !ours.SequenceEqual(theirs))
            {
                disagreements.Add($"#{i}: {documents[i]}\n  graphql-js: {string.Join(" | ", reference.GetProperty("messages").EnumerateArray())} @ {string.Join(",", theirs)}\n  ours:       {string.Join(" | ", errors.Select(e => e.Message))} @ {string.Join(",", ours)}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(invalid > 40, "the corpus must exercise the rules with invalid documents");
    }

    [Fact]
    public async Task Graphql_http_server_audits_all_pass()
    {
        var results = await GraphQLServerFixture.RunNodeAsync("audit.mjs", server.HttpUrl.ToString());
        var failed = results.EnumerateArray().Where(r => r.GetProperty("status").GetString() == "error")
            .Select(r => $"{r.GetProperty("name").GetString()}: {r.GetProperty("reason")}").ToList();
        Assert.True(results.GetArrayLength() > 20, "graphql-http must have run its audits");
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    [Fact]
    public async Task Graphql_ws_client_completes_a_subscription()
    {
        var result = await GraphQLServerFixture.RunNodeAsync("ws-client.mjs", server.WebSocketUrl.ToString(), "subscription { count(to: 3) }");
        Assert.True(result.GetProperty("completed").GetBoolean(), result.ToString());
        Assert.Equal("""[{"data":{"count":1}},{"data":{"count":2}},{"data":{"count":3}}]""", JsonSerializer.Serialize(result.GetProperty("values")));
    }
}
