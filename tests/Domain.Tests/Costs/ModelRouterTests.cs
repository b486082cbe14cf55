using Streaming.Domain.Costs.Calculation;
using Streaming.Domain.Costs.Calls;
using Streaming.Domain.Costs.Routing;
using static Streaming.Domain.Tests.Costs.TestPrices;

namespace Streaming.Domain.Tests.Costs;

public sealed class ModelRouterTests
{
    private static readonly RoutingPolicy GoodEnough = new(minQuality: 0.75, minObservations: 3);

    [Fact]
    public void The_cheapest_model_good_enough_on_recorded_calls_is_chosen_with_the_others_as_fallbacks()
    {
        var catalog = Catalog();
        var recorded = new List<LlmCall>();
        // claude-test: $0.018 a call, quality 0.9. gpt-test: $0.0125 a call, quality 0.8.
        // ollama llama: free, quality 0.6 (not good enough). ollama qwen: free, 0.95 but only 2 scored calls.
        recorded.AddRange(Calls("claude-test", "anthropic", [0.9, 0.9, 0.9], input: 1_000, output: 1_000));
        recorded.AddRange(Calls("gpt-test", "openai", [0.7, 0.8, 0.9, 0.8], input: 1_000, output: 1_000));
        recorded.AddRange(Calls("llama3", "ollama", [0.6, 0.6, 0.6, 0.6], input: 1_000, output: 1_000));
        recorded.AddRange(Calls("qwen", "ollama", [0.95, 0.95], input: 1_000, output: 1_000));
        recorded.AddRange(Calls("gpt-test", "openai", [0.1, 0.1, 0.1], input: 1_000, output: 1_000, operation: "research"));
        var stats = ModelStatsAggregator.From(recorded.Select(c => (c, CostCalculator.Price(c, catalog))));

        var decision = ModelRouter.Route("draft", "high", stats, GoodEnough);

        Assert.Equal(["gpt-test", "claude-test"], decision.Chain.Select(s => s.Model));
        Assert.Equal(0.0125m, decision.Choice!.MeanCostPerCall);
        Assert.Equal(0.8, decision.Choice.MeanQuality!.Value, 10);
        Assert.Equal(["claude-test"], decision.Fallbacks.Select(s => s.Model));
    }

    [Fact]
    public void Raising_the_bar_leaves_only_the_better_model_and_an_impossible_bar_none()
    {
        var stats = new[]
        {
            Stats("cheap", cost: 0.001m, quality: 0.7),
            Stats("dear", cost: 0.01m, quality: 0.92),
        };

        Assert.Equal(["cheap", "dear"], ModelRouter.Route("draft", "low", stats, new RoutingPolicy(0.7, 3)).Chain.Select(s => s.Model));
        Assert.Equal(["dear"], ModelRouter.Route("draft", "low", stats, new RoutingPolicy(0.9, 3)).Chain.Select(s => s.Model));
        var none = ModelRouter.Route("draft", "low", stats, new RoutingPolicy(0.99, 3));
        Assert.Null(none.Choice);
        Assert.Empty(none.Chain);
    }

    [Fact]
    public void Ties_in_cost_break_by_quality_then_observations_then_name()
    {
        var stats = new[]
        {
            Stats("b-model", cost: 0.002m, quality: 0.8, scored: 10),
            Stats("a-model", cost: 0.002m, quality: 0.8, scored: 10),
            Stats("more-seen", cost: 0.002m, quality: 0.8, scored: 50),
            Stats("better", cost: 0.002m, quality: 0.9, scored: 3),
        };

        var forward = ModelRouter.Route("draft", "low", stats, GoodEnough);
        var backward = ModelRouter.Route("draft", "low", stats.Reverse(), GoodEnough);

        Assert.Equal(["better", "more-seen", "a-model", "b-model"], forward.Chain.Select(s => s.Model));
        Assert.Equal(forward.Chain, backward.Chain);
    }

    [Fact]
    public void A_model_with_no_priced_call_is_never_taken_for_a_free_one()
    {
        var stats = new[] { Stats("unpriced", cost: null, quality: 0.99), Stats("priced", cost: 1m, quality: 0.8) };

        Assert.Equal("priced", ModelRouter.Route("draft", "low", stats, GoodEnough).Choice!.Model);
    }

    private static ModelStats Stats(string model, decimal? cost, double quality, long scored = 5) =>
        new("draft", "low", "test", model, Calls: scored, ScoredCalls: scored, MeanQuality: quality, MeanCostPerCall: cost);

    private static IEnumerable<LlmCall> Calls(string model, string provider, double[] qualities, long input, long output, string operation = "draft") =>
        qualities.Select((q, i) => Call(model, provider, input: input, output: output, id: $"{model}-{operation}-{i}") with
        {
            Operation = operation,
            Complexity = "high",
            QualityScore = q,
        });
}
