using Streaming.Domain.Costs.Calculation;
using Streaming.Domain.Costs.Calls;
using static Streaming.Domain.Tests.Costs.TestPrices;

namespace Streaming.Domain.Tests.Costs;

public sealed class LlmCallJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 3, 10, 0, 0, TimeSpan.FromHours(2));

    private const string Ours = """
        {"provider":"anthropic","model":"claude-test","response_model":"claude-test","operation":"draft",
         "complexity":"high","input_tokens":1200,"output_tokens":300,"cache_read_tokens":200,"cache_write_tokens":100,
         "latency_ms":850.5,"time_to_first_token_ms":120,"status":"ok","task_id":"t-9","feature":"newsletter",
         "user_id":"u-1","quality_score":0.8,"feedback":{"rating":4,"approved":true,"edits":2},"campaign":"spring"}
        """;

    private const string OpenTelemetry = """
        {"gen_ai.system":"anthropic","gen_ai.request.model":"claude-test","gen_ai.response.model":"claude-test",
         "gen_ai.operation.name":"draft","complexity":"high","gen_ai.usage.input_tokens":1200,"gen_ai.usage.output_tokens":300,
         "gen_ai.usage.cache_read.input_tokens":200,"gen_ai.usage.cache_creation.input_tokens":100,
         "latency_ms":850.5,"time_to_first_token_ms":120,"status":"ok","task_id":"t-9","feature":"newsletter",
         "user_id":"u-1","quality_score":0.8,"feedback":{"rating":4,"approved":true,"edits":2},"gen_ai.response.id":"msg_1"}
        """;

    [Fact]
    public void Our_field_names_read_into_the_call()
    {
        var call = LlmCallJson.Parse(Ours, "m-1", At);

        Assert.Equal("m-1", call.Id);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero), call.OccurredAt);
        Assert.Equal(TimeSpan.Zero, call.OccurredAt.Offset);
        Assert.Equal("anthropic", call.Provider);
        Assert.Equal("claude-test", call.Model);
        Assert.Equal("draft", call.Operation);
        Assert.Equal("high", call.Complexity);
        Assert.Equal(new TokenUsage(1200, 300, 200, 100), call.Tokens);
        Assert.Equal(900, call.Tokens.UncachedInputTokens);
        Assert.Equal(850.5, call.LatencyMs);
        Assert.Equal(120, call.TimeToFirstTokenMs);
        Assert.Equal(LlmCallStatus.Ok, call.Status);
        Assert.Equal(("t-9", "newsletter", "u-1"), (call.TaskId, call.Feature, call.UserId));
        Assert.Equal(0.8, call.QualityScore);
        Assert.Equal(new LlmFeedback(4, true, 2), call.Feedback);
    }

    [Fact]
    public void OpenTelemetry_GenAI_names_give_the_same_call_and_the_same_cost()
    {
        var ours = LlmCallJson.Parse(Ours, "m-1", At);
        var otel = LlmCallJson.Parse(OpenTelemetry, "m-1", At);

        Assert.Equal(ours, otel);
        var oursCost = CostCalculator.Price(ours, Catalog());
        Assert.Equal(0.007635m, oursCost.Total); // 900×3 + 300×15 + 200×0.30 + 100×3.75 per million
        Assert.Equal(oursCost, CostCalculator.Price(otel, Catalog()));
    }

    [Fact]
    public void The_newer_provider_attribute_is_accepted_and_a_response_model_alone_is_enough()
    {
        var call = LlmCallJson.Parse("""{"gen_ai.provider.name":"openai","gen_ai.response.model":"gpt-test","input_tokens":1,"output_tokens":2}""", "m-2", At);

        Assert.Equal(("openai", "gpt-test", "gpt-test"), (call.Provider, call.Model, call.ResponseModel));
        Assert.Equal(new TokenUsage(1, 2, 0, 0), call.Tokens);
        Assert.Null(call.Feedback);
    }

    [Fact]
    public void Null_counts_as_absent()
    {
        var call = LlmCallJson.Parse("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":2,"quality_score":null,"feedback":null}""", "m-3", At);

        Assert.Null(call.QualityScore);
        Assert.Null(call.Feedback);
    }

    [Theory]
    [InlineData("""{"provider":"openai","input_tokens":1,"output_tokens":1}""", "properties.model: missing (send model or gen_ai.request.model)")]
    [InlineData("""{"model":"gpt-test","input_tokens":1,"output_tokens":1}""", "properties.provider: missing (send provider or gen_ai.provider.name or gen_ai.system)")]
    [InlineData("""{"provider":"openai","model":"gpt-test","output_tokens":1}""", "properties.input_tokens: missing (send input_tokens or gen_ai.usage.input_tokens)")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1}""", "properties.output_tokens: missing (send output_tokens or gen_ai.usage.output_tokens)")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":-5,"output_tokens":1}""", "properties.input_tokens: must be a non-negative integer, found -5")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":"12","output_tokens":1}""", "properties.input_tokens: must be a non-negative integer, found \"12\"")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1.5,"output_tokens":1}""", "properties.input_tokens: must be a non-negative integer, found 1.5")]
    [InlineData("""{"provider":"openai","model":"gpt-test","gen_ai.usage.input_tokens":-1,"output_tokens":1}""", "properties.gen_ai.usage.input_tokens: must be a non-negative integer, found -1")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"gen_ai.usage.output_tokens":true}""", "properties.gen_ai.usage.output_tokens: must be a non-negative integer, found true")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"cache_read_tokens":-2}""", "properties.cache_read_tokens: must be a non-negative integer, found -2")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"gen_ai.usage.cache_creation.input_tokens":[1]}""", "properties.gen_ai.usage.cache_creation.input_tokens: must be a non-negative integer, found an array")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":100,"output_tokens":1,"cache_read_tokens":80,"cache_write_tokens":30}""", "properties.input_tokens: must be at least cache_read_tokens + cache_write_tokens (110), found 100 (input tokens include cached tokens)")]
    [InlineData("""{"provider":"openai","model":42,"input_tokens":1,"output_tokens":1}""", "properties.model: must be a non-empty string, found 42")]
    [InlineData("""{"provider":"","model":"gpt-test","input_tokens":1,"output_tokens":1}""", "properties.provider: must be a non-empty string, found \"\"")]
    [InlineData("""{"gen_ai.system":{"name":"openai"},"model":"gpt-test","input_tokens":1,"output_tokens":1}""", "properties.gen_ai.system: must be a non-empty string, found an object")]
    [InlineData("""{"provider":"openai","model":"gpt-test","gen_ai.request.model":"gpt-other","input_tokens":1,"output_tokens":1}""", "properties.gen_ai.request.model: disagrees with properties.model")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"gen_ai.usage.input_tokens":2,"output_tokens":1}""", "properties.gen_ai.usage.input_tokens: disagrees with properties.input_tokens")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"latency_ms":-1}""", "properties.latency_ms: must be a non-negative number of milliseconds, found -1")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"time_to_first_token_ms":"fast"}""", "properties.time_to_first_token_ms: must be a non-negative number of milliseconds, found \"fast\"")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"status":"weird"}""", "properties.status: must be one of ok, error, cancelled, timeout, found \"weird\"")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"quality_score":1.5}""", "properties.quality_score: must be a number between 0 and 1, found 1.5")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"quality_score":"good"}""", "properties.quality_score: must be a number, found \"good\"")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"task_id":7}""", "properties.task_id: must be a non-empty string, found 7")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"feedback":"great"}""", "properties.feedback: must be an object, found \"great\"")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"feedback":{"rating":6}}""", "properties.feedback.rating: must be an integer between 1 and 5, found 6")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"feedback":{"approved":"yes"}}""", "properties.feedback.approved: must be a boolean, found \"yes\"")]
    [InlineData("""{"provider":"openai","model":"gpt-test","input_tokens":1,"output_tokens":1,"feedback":{"edits":-1}}""", "properties.feedback.edits: must be a non-negative integer, found -1")]
    [InlineData("""[1,2]""", "properties: must be an object, found an array")]
    [InlineData("""{"provider":""", "properties: is not valid JSON")]
    public void Bad_input_is_rejected_naming_the_field(string json, string error)
    {
        var e = Assert.Throws<LlmCallException>(() => LlmCallJson.Parse(json, "m-1", At));

        Assert.StartsWith(error, e.Message, StringComparison.Ordinal);
        if (!error.EndsWith("is not valid JSON", StringComparison.Ordinal))
        {
            Assert.Equal(error, e.Message);
        }
    }
}
