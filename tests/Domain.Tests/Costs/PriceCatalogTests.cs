using Streaming.Domain.Costs.Calculation;
using Streaming.Domain.Costs.Pricing;
using static Streaming.Domain.Tests.Costs.TestPrices;

namespace Streaming.Domain.Tests.Costs;

public sealed class PriceCatalogTests
{
    [Fact]
    public void The_shipped_catalog_loads_and_prices_major_models_and_local_ones_at_zero()
    {
        var catalog = PriceCatalog.Default;

        Assert.Equal(new DateOnly(2026, 12, 2), catalog.CheckedOn);
        var sonnet = catalog.Find("anthropic", "claude-sonnet-4-5-20250929", March1)!;
        Assert.Equal((0.000003m, 0.000015m, 0.0000003m, 0.00000375m),
            (sonnet.InputCostPerToken, sonnet.OutputCostPerToken, sonnet.CacheReadInputTokenCost, sonnet.CacheCreationInputTokenCost));
        Assert.Equal(0.0000025m, catalog.Find("openai", "gpt-4o", March1)!.InputCostPerToken);
        Assert.Equal(0.00000015m, catalog.Find("openai", "gpt-4o-mini-2024-07-18", March1)!.InputCostPerToken);
        Assert.Equal(0m, CostCalculator.Price(Call("qwen2.5:7b", "ollama", input: 1_000_000, output: 1_000_000), catalog).Total);
        Assert.Null(catalog.Find("anthropic", "claude-sonnet-4-6", March1));
    }

    [Fact]
    public void An_exact_name_wins_over_a_prefix_and_a_longer_prefix_over_a_shorter()
    {
        var catalog = PriceCatalog.Empty(PriceSource.Catalog)
            .With(Price("gpt*", 1m))
            .With(Price("gpt-4o*", 2m))
            .With(Price("gpt-4o-mini", 3m));

        Assert.Equal(3m, catalog.Find("openai", "GPT-4o-mini", March1)!.InputCostPerToken);
        Assert.Equal(2m, catalog.Find("openai", "gpt-4o-2024-08-06", March1)!.InputCostPerToken);
        Assert.Equal(1m, catalog.Find("openai", "gpt-5", March1)!.InputCostPerToken);
        Assert.Null(catalog.Find("azure.ai.openai", "gpt-5", March1));
    }

    [Theory]
    [InlineData("""{"prices":[{"provider":"a","model":"m","effective_from":"2026-01-01","input_cost_per_token":-1,"output_cost_per_token":0}]}""", "$.prices[0].input_cost_per_token: must be a non-negative number of dollars, found -1")]
    [InlineData("""{"prices":[{"provider":"a","model":"m","effective_from":"2026-01-01","input_cost_per_token":"0.1","output_cost_per_token":0}]}""", "$.prices[0].input_cost_per_token: must be a non-negative number of dollars, found \"0.1\"")]
    [InlineData("""{"prices":[{"provider":"a","model":"m","effective_from":"2026-01-01","input_cost_per_token":0}]}""", "$.prices[0].output_cost_per_token: missing")]
    [InlineData("""{"prices":[{"provider":"a","model":"m","effective_from":"2026-01-01","input_cost_per_token":0,"output_cost_per_token":0,"cache_read_input_tokens_cost":0}]}""", "$.prices[0].cache_read_input_tokens_cost: unknown field; expected provider, model, effective_from, input_cost_per_token, output_cost_per_token, cache_read_input_token_cost, cache_creation_input_token_cost, compute_cost_per_hour, source")]
    [InlineData("""{"prices":[{"provider":"a","model":"m","effective_from":"March","input_cost_per_token":0,"output_cost_per_token":0}]}""", "$.prices[0].effective_from: must be a date (yyyy-MM-dd) or an ISO 8601 instant, found \"March\"")]
    [InlineData("""{"prices":[{"provider":"a","model":"m*x","effective_from":"2026-01-01","input_cost_per_token":0,"output_cost_per_token":0}]}""", "$.prices[0].model: a wildcard '*' may only end the name")]
    [InlineData("""{"prices":[{"provider":"a","model":"m","effective_from":"2026-01-01","input_cost_per_token":0,"output_cost_per_token":0},{"provider":"A","model":"M","effective_from":"2026-01-01","input_cost_per_token":1,"output_cost_per_token":0}]}""", "$.prices[1]: repeats $.prices[0] (same provider, model and effective_from)")]
    [InlineData("""{"models":[]}""", "$.models: unknown field; expected checked, prices")]
    public void A_bad_price_list_is_rejected_naming_the_path(string json, string error)
    {
        var e = Assert.Throws<PriceCatalogException>(() => PriceCatalogJson.Parse(json, PriceSource.TenantOverride));

        Assert.Equal(error, e.Message);
    }

    private static ModelPrice Price(string model, decimal input) => new()
    {
        Provider = "openai",
        Model = model,
        EffectiveFrom = March1,
        InputCostPerToken = input,
        OutputCostPerToken = 0m,
    };
}
