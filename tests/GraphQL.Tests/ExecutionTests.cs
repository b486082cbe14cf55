using System.Text.Json;
using Streaming.GraphQL.Execution;

namespace Streaming.GraphQL.Tests;

public class ExecutionTests
{
    private readonly GraphQLExecutor _executor = new(TestSchema.Build());

    private static string Json(JsonElement element) => JsonSerializer.Serialize(element);

    [Fact]
    public async Task Fragments_aliases_and_variables_shape_the_result()
    {
        var result = await TestSchema.RunAsync(_executor, """
            query Q($id: ID!, $skip: Boolean!) {
              first: user(id: $id) { ...Names role posts(first: 2) { title } }
              again: user(id: "u2") { name @skip(if: $skip) age @include(if: $skip) }
              node(id: "p1") { __typename ... on Post { title } }
            }
            fragment Names on User { id name }
            """, new { id = "u1", skip = true });
        Assert.Equal("""{"data":{"first":{"id":"u1","name":"User 1","role":"MEMBER","posts":[{"title":"Post 20"},{"title":"Post 40"},{"title":"Post 60"}]},"again":{"age":22},"node":{"__typename":"Post","title":"Post 1"}}}""", Json(result));
    }

    [Fact]
    public async Task Error_in_a_nullable_field_nulls_only_that_field_with_path_and_location()
    {
        var result = await TestSchema.RunAsync(_executor, "{ user(id: \"u1\") { id failing } }");
        Assert.Equal("""{"errors":[{"message":"boom","locations":[{"line":1,"column":23}],"path":["user","failing"]}],"data":{"user":{"id":"u1","failing":null}}}""", Json(result));
    }

    [Fact]
    public async Task Null_in_a_non_null_field_propagates_to_the_nearest_nullable_parent()
    {
        var result = await TestSchema.RunAsync(_executor, "{ hello users(first: 1) { id nullNonNull } }");
        Assert.Equal("""{"errors":[{"message":"Cannot return null for non-nullable field User.nullNonNull.","locations":[{"line":1,"column":30}],"path":["users",0,"nullNonNull"]}],"data":null}""", Json(result));
    }

    [Fact]
    public async Task Error_in_a_non_null_field_inside_a_nullable_object_nulls_the_object()
    {
        var result = await TestSchema.RunAsync(_executor, "{ hello user(id: \"u1\") { id failingNonNull } }");
        Assert.Equal("""{"errors":[{"message":"boom","locations":[{"line":1,"column":29}],"path":["user","failingNonNull"]}],"data":{"hello":"Hello world","user":null}}""", Json(result));
    }

    [Fact]
    public async Task Mutation_fields_run_one_after_another_in_document_order()
    {
        var log = new List<string>();
        var executor = new GraphQLExecutor(TestSchema.Build(log));
        var result = await TestSchema.RunAsync(executor, "mutation { a: append(text: \"x\") b: append(text: \"yy\") c: append(text: \"z\") }");
        Assert.Equal("""{"data":{"a":["x"],"b":["x","yy"],"c":["x","yy","z"]}}""", Json(result));
    }

    [Fact]
    public async Task Query_fields_that_wait_run_concurrently_and_keep_their_order()
    {
        var result = await TestSchema.RunAsync(_executor, "{ a: slow(value: 1) b: slow(value: 2) c: slow(value: 3) }");
        Assert.Equal("""{"data":{"a":1,"b":2,"c":3}}""", Json(result));
    }

    [Fact]
    public async Task DataLoader_sends_one_batch_for_keys_requested_together()
    {
        var log = new List<string>();
        var executor = new GraphQLExecutor(TestSchema.Build(log));
        var result = await TestSchema.RunAsync(executor, "{ batched(ids: [\"a\", \"b\", \"a\", \"c\"]) }");
        Assert.Equal("""{"data":{"batched":["name-a","name-b","name-a","name-c"]}}""", Json(result));
        Assert.Equal(["batch:a,b,c"], log);
    }

    [Fact]
    public async Task Unions_interfaces_oneOf_and_custom_scalars_execute()
    {
        var result = await TestSchema.RunAsync(_executor, """
            { search(text: "1") { ... on User { id } ... on Post { id } } userBy(by: {name: "User 3"}) { id } now big price json(value: {a: [1, "b"]}) }
            """);
        var data = result.GetProperty("data");
        Assert.Equal(26, data.GetProperty("search").GetArrayLength());
        Assert.Equal("u3", data.GetProperty("userBy").GetProperty("id").GetString());
        Assert.Equal("2026-01-02T03:04:05.000Z", data.GetProperty("now").GetString());
        Assert.Equal(9_007_199_254_740_993L, data.GetProperty("big").GetInt64());
        Assert.Equal(12.345m, data.GetProperty("price").GetDecimal());
        Assert.Equal("""{"a":[1,"b"]}""", Json(data.GetProperty("json")));
    }

    [Fact]
    public async Task Invalid_variables_are_reported_before_execution()
    {
        var result = await TestSchema.RunAsync(_executor, "query Q($id: ID!, $f: UserFilter) { user(id: $id) { id } users(filter: $f) { id } }", new { f = new { role = "KING" } });
        Assert.Equal("""{"errors":[{"message":"Variable \u0022$id\u0022 of required type \u0022ID!\u0022 was not provided.","locations":[{"line":1,"column":9}]},{"message":"Variable \u0022$f\u0022 got invalid value { role: \u0022KING\u0022 } at \u0022f.role\u0022; Value \u0022KING\u0022 does not exist in \u0022Role\u0022 enum.","locations":[{"line":1,"column":19}]}]}""", Json(result));
    }

    [Fact]
    public async Task Queries_over_the_depth_limit_fail_with_a_clear_error()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), new ExecutionLimits { MaxDepth = 3 });
        var result = await TestSchema.RunAsync(executor, "{ user(id: \"u1\") { friends { friends { friends { id } } } } }");
        Assert.Equal("Query depth 5 exceeds the maximum depth of 3.", result.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.False(result.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Queries_over_the_cost_limit_fail_with_a_clear_error()
    {
        var executor = new GraphQLExecutor(TestSchema.Build(), new ExecutionLimits { MaxCost = 500 });
        var result = await TestSchema.RunAsync(executor, "{ users(first: 20) { friends { friends { posts(first: 10) { title } } } } }");
        Assert.StartsWith("Query cost ", result.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("exceeds the maximum cost of 500.", result.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_errors_stop_the_request_and_are_the_same_each_time()
    {
        var query = "{ user(id: 1) { unknown } }";
        var first = await TestSchema.RunAsync(_executor, query);
        var second = await TestSchema.RunAsync(_executor, query);
        Assert.Equal("""{"errors":[{"message":"Cannot query field \u0022unknown\u0022 on type \u0022User\u0022.","locations":[{"line":1,"column":17}]}]}""", Json(first));
        Assert.Equal(Json(first), Json(second));
    }

    [Fact]
    public async Task Subscription_yields_one_result_per_event()
    {
        var results = new List<string>();
        await foreach (var result in _executor.SubscribeAsync(new GraphQLRequest("subscription { count(to: 3) }")))
        {
            results.Add(System.Text.Encoding.UTF8.GetString(ResultWriter.ToBytes(result)));
        }

        Assert.Equal(["""{"data":{"count":1}}""", """{"data":{"count":2}}""", """{"data":{"count":3}}"""], results);
    }
}
