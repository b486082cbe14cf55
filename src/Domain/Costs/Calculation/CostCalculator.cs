using Streaming.Domain.Costs.Calls;
using Streaming.Domain.Costs.Pricing;

namespace Streaming.Domain.Costs.Calculation;

/// <summary>
/// Prices a call with the version in force at <see cref="LlmCall.OccurredAt"/>: the tenant's override
/// if one matches, else the catalog; the model that answered first, then the model asked for. All
/// arithmetic is <see cref="decimal"/> and nothing is rounded, so sums of many calls stay exact.
/// </summary>
public static class CostCalculator
{
    private const decimal MillisecondsPerHour = 3_600_000m;

    public static CallCost Price(LlmCall call, PriceCatalog catalog, PriceCatalog? tenantOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(catalog);
        var models = call.ResponseModel is null || string.Equals(call.ResponseModel, call.Model, StringComparison.OrdinalIgnoreCase)
            ? [call.Model]
            : new[] { call.ResponseModel, call.Model };
        foreach (var (source, prices) in new[] { (PriceSource.TenantOverride, tenantOverrides), (PriceSource.Catalog, catalog) })
        {
            if (prices is null)
            {
                continue;
            }
            foreach (var model in models)
            {
                if (prices.Find(call.Provider, model, call.OccurredAt) is { } price)
                {
                    return Apply(call, price, source);
                }
            }
        }
        return CallCost.Unpriced($"no price for {call.Provider}/{string.Join(" or ", models)} in force at {call.OccurredAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
    }

    private static CallCost Apply(LlmCall call, ModelPrice price, PriceSource source)
    {
        var tokens = call.Tokens;
        var compute = 0m;
        if (price.ComputeCostPerHour is > 0m)
        {
            if (call.LatencyMs is not { } latency)
            {
                return CallCost.Unpriced($"{price.Provider}/{price.Model} is priced per compute hour and the call has no latency_ms");
            }
            compute = (decimal)latency * price.ComputeCostPerHour.Value / MillisecondsPerHour;
        }
        var breakdown = new CostBreakdown(
            Input: tokens.UncachedInputTokens * price.InputCostPerToken,
            Output: tokens.OutputTokens * price.OutputCostPerToken,
            CacheRead: tokens.CacheReadTokens * (price.CacheReadInputTokenCost ?? price.InputCostPerToken),
            CacheWrite: tokens.CacheWriteTokens * (price.CacheCreationInputTokenCost ?? price.InputCostPerToken),
            Compute: compute);
        return CallCost.Priced(breakdown, new PriceVersion(price.Provider, price.Model, price.EffectiveFrom, source));
    }
}
