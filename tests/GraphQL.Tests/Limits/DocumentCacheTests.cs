using Streaming.GraphQL.Execution;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>The document cache keeps only valid documents, within its entries and its bytes.</summary>
public sealed class DocumentCacheTests
{
    private static string Distinct(int i) => $"{{ hello(name: \"n{i}\") user(id: \"u1\") {{ id name posts {{ title }} friends {{ id }} }} }}";

    [Fact]
    public async Task Documents_that_fail_to_parse_validate_or_pass_the_limits_are_not_cached()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), new ExecutionLimits { MaxAliases = 1 });

        await TestSchema.RunAsync(executor, "{ hello");
        await TestSchema.RunAsync(executor, "{ nope }");
        await TestSchema.RunAsync(executor, "{ a: hello b: hello }");
        Assert.Equal(0, executor.CachedDocuments);
        Assert.Equal(0, executor.CachedDocumentBytes);

        await TestSchema.RunAsync(executor, "{ hello }");
        Assert.Equal(1, executor.CachedDocuments);
    }

    [Fact]
    public async Task Cache_stays_within_its_byte_budget_and_keeps_the_newest_documents()
    {
        const long budget = 256 * 1024;
        var executor = new GraphQLExecutor(TestSchema.Build(), documentCacheSize: 1_000_000, documentCacheBytes: budget);

        for (var i = 0; i < 2000; i++)
        {
            var result = await TestSchema.RunAsync(executor, Distinct(i));
            Assert.True(result.TryGetProperty("data", out _));
            Assert.InRange(executor.CachedDocumentBytes, 1, budget);
        }

        Assert.InRange(executor.CachedDocuments, 2, 1999);
        var cached = executor.CachedDocuments;
        await TestSchema.RunAsync(executor, Distinct(1999));
        Assert.Equal(cached, executor.CachedDocuments);
    }

    [Fact]
    public async Task Cache_stays_within_its_entry_count()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), documentCacheSize: 10);
        for (var i = 0; i < 50; i++)
        {
            await TestSchema.RunAsync(executor, Distinct(i));
            Assert.InRange(executor.CachedDocuments, 1, 10);
        }
    }

    [Fact]
    public async Task Document_heavier_than_the_whole_budget_runs_but_is_not_kept()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), documentCacheBytes: 64 * 1024);
        // 40,000 characters are 80,000 bytes of key alone.
        var name = new string('x', 40_000);
        var query = "{ hello(name: \"" + name + "\") }";

        var result = await TestSchema.RunAsync(executor, query);

        Assert.Equal("Hello " + name, result.GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal(0, executor.CachedDocuments);
    }

    [Fact]
    public async Task Cached_introspection_response_counts_in_the_bytes()
    {
        var executor = new GraphQLExecutor(TestSchema.Build());
        const string query = "{ __schema { types { name description fields { name description } } } }";

        await TestSchema.RunAsync(executor, query);
        var response = System.Text.Json.JsonSerializer.Serialize(await TestSchema.RunAsync(executor, query));

        Assert.Equal(1, executor.CachedDocuments);
        Assert.True(executor.CachedDocumentBytes > response.Length + (2 * query.Length),
            $"{executor.CachedDocumentBytes} bytes counted for a {response.Length}-byte cached response");
    }
}
