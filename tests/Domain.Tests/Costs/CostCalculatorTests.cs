using Streaming.Domain.Costs.Calculation;
using Streaming.Domain.Costs.Pricing;
using static Streaming.Domain.Tests.Costs.TestPrices;

namespace Streaming.Domain.Tests.Costs;

public sealed class CostCalculatorTests
{
    [Fact]
    public void Each_token_kind_is_priced_exactly_at_its_own_rate()
    {
        // 10,000 input tokens of which 2,000 were read from the cache and 1,000 written to it.
        var cost = CostCalculator.Price(Call(input: 10_000, output: 1_000, cacheRead: 2_000, cacheWrite: 1_000), Catalog());

        Assert.True(cost.IsPriced);
        Assert.Equal(new CostBreakdown(Input: 0.021m, Output: 0.015m, CacheRead: 0.0006m, CacheWrite: 0.00375m, Compute: 0m), cost.Breakdown);
        Assert.Equal(0.04035m, cost.Total);
    }

    [Fact]
    public void Costs_stay_exact_below_the_cent_over_many_calls()
    {
        var catalog = Catalog();
        var total = Enumerable.Range(0, 100_000).Sum(_ => CostCalculator.Price(Call(input: 1, output: 1), catalog).Total!.Value);

        // 100,000 × ($0.000003 + $0.000015): no binary rounding drift.
        Assert.Equal(1.8m, total);
    }

    [Fact]
    public void Cache_tokens_without_a_cache_price_cost_the_input_price()
    {
        var cost = CostCalculator.Price(Call("gpt-test", "openai", input: 1_000, cacheRead: 400, cacheWrite: 100), Catalog());

        Assert.Equal(0.00125m, cost.Breakdown!.Input);
        Assert.Equal(0.0005m, cost.Breakdown.CacheRead);
        Assert.Equal(0.00025m, cost.Breakdown.CacheWrite);
    }

    [Fact]
    public void A_price_change_mid_month_prices_each_call_by_the_version_in_force()
    {
        var catalog = Catalog();
        var before = CostCalculator.Price(Call(at: March1.AddDays(13).AddHours(23).AddMinutes(59), input: 1_000_000, output: 1_000_000), catalog);
        var onTheDay = CostCalculator.Price(Call(at: March1.AddDays(14), input: 1_000_000, output: 1_000_000), catalog);

        Assert.Equal(18m, before.Total);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), before.Version!.EffectiveFrom);
        Assert.Equal(12m, onTheDay.Total);
        Assert.Equal(new PriceVersion("anthropic", "claude-test", new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero), PriceSource.Catalog), onTheDay.Version);
    }

    [Fact]
    public void A_call_before_any_version_is_unpriced()
    {
        var cost = CostCalculator.Price(Call(at: new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero), input: 10), Catalog());

        Assert.False(cost.IsPriced);
    }

    [Fact]
    public void An_unknown_model_is_unpriced_not_free_and_is_priced_once_its_price_is_added()
    {
        var call = Call("mystery-1", "acme", input: 1_000, output: 500);
        var catalog = Catalog();

        var first = CostCalculator.Price(call, catalog);
        Assert.False(first.IsPriced);
        Assert.Null(first.Total);
        Assert.Equal("no price for acme/mystery-1 in force at 2026-03-03T00:00:00Z", first.UnpricedReason);

        var withPrice = catalog.With(new ModelPrice
        {
            Provider = "acme",
            Model = "mystery-1",
            EffectiveFrom = March1,
            InputCostPerToken = 0.000001m,
            OutputCostPerToken = 0.000002m,
        });
        var recomputed = CostCalculator.Price(call, withPrice);

        Assert.Equal(0.002m, recomputed.Total);
        Assert.Equal("acme/mystery-1@2026-03-01T00:00:00Z (catalog)", recomputed.Version!.ToString());
    }

    [Fact]
    public void A_tenant_override_takes_precedence_over_the_catalog_and_is_named_in_the_version()
    {
        var overrides = PriceCatalogJson.Parse("""
            {"prices":[{"provider":"anthropic","model":"claude-test","effective_from":"2026-02-01",
              "input_cost_per_token":0.0000015,"output_cost_per_token":0.0000075}]}
            """, PriceSource.TenantOverride);

        var cost = CostCalculator.Price(Call(input: 1_000_000, output: 1_000_000), Catalog(), overrides);
        var otherTenant = CostCalculator.Price(Call(input: 1_000_000, output: 1_000_000), Catalog());

        Assert.Equal(9m, cost.Total);
        Assert.Equal(PriceSource.TenantOverride, cost.Version!.Source);
        Assert.Equal(18m, otherTenant.Total);
    }

    [Fact]
    public void A_tenant_override_not_yet_in_force_leaves_the_catalog_price()
    {
        var overrides = PriceCatalog.Empty(PriceSource.TenantOverride).With(new ModelPrice
        {
            Provider = "anthropic",
            Model = "claude-test",
            EffectiveFrom = March1.AddMonths(1),
            InputCostPerToken = 0m,
            OutputCostPerToken = 0m,
        });

        var cost = CostCalculator.Price(Call(input: 1_000_000), Catalog(), overrides);

        Assert.Equal(3m, cost.Total);
        Assert.Equal(PriceSource.Catalog, cost.Version!.Source);
    }

    [Fact]
    public void The_answering_model_is_priced_before_the_requested_one()
    {
        var call = Call("claude-test", input: 1_000_000);
        var catalog = Catalog().With(new ModelPrice
        {
            Provider = "anthropic",
            Model = "claude-test-20260301",
            EffectiveFrom = March1,
            InputCostPerToken = 0.000001m,
            OutputCostPerToken = 0m,
        });

        var snapshot = CostCalculator.Price(call with { ResponseModel = "claude-test-20260301" }, catalog);
        var unknownSnapshot = CostCalculator.Price(call with { ResponseModel = "claude-test-20990101" }, catalog);

        Assert.Equal(1m, snapshot.Total);
        Assert.Equal("claude-test-20260301", snapshot.Version!.Model);
        Assert.Equal(3m, unknownSnapshot.Total);
    }

    [Fact]
    public void Local_models_cost_zero_and_a_compute_price_is_charged_by_latency()
    {
        var local = Call("llama3.1:8b", "ollama", input: 5_000, output: 5_000) with { LatencyMs = 1_800 };
        var hardware = PriceCatalog.Empty(PriceSource.TenantOverride).With(new ModelPrice
        {
            Provider = "ollama",
            Model = "llama3*",
            EffectiveFrom = March1,
            InputCostPerToken = 0m,
            OutputCostPerToken = 0m,
            ComputeCostPerHour = 2m,
        });

        var free = CostCalculator.Price(local, Catalog());
        var onHardware = CostCalculator.Price(local, Catalog(), hardware);
        var noLatency = CostCalculator.Price(local with { LatencyMs = null }, Catalog(), hardware);

        Assert.Equal(0m, free.Total);
        Assert.Equal("*", free.Version!.Model);
        Assert.Equal(0.001m, onHardware.Total); // 1.8 s of a $2/hour machine
        Assert.False(noLatency.IsPriced);
    }
}
