using Streaming.Domain.Costs.Pricing;

namespace Streaming.Domain.Costs.Calculation;

/// <summary>
/// The cost of one call: priced, with its breakdown and the price version used, or unpriced with the
/// reason. Unpriced is not zero: it is recorded as unknown so the call can be priced again once its
/// price is added, and rollups can show how much is unpriced.
/// </summary>
public sealed record CallCost
{
    private CallCost(CostBreakdown? breakdown, PriceVersion? version, string? unpricedReason)
    {
        Breakdown = breakdown;
        Version = version;
        UnpricedReason = unpricedReason;
    }

    public CostBreakdown? Breakdown { get; }

    public PriceVersion? Version { get; }

    public string? UnpricedReason { get; }

    public bool IsPriced => Breakdown is not null;

    /// <summary>The total in dollars, or null when unpriced.</summary>
    public decimal? Total => Breakdown?.Total;

    public static CallCost Priced(CostBreakdown breakdown, PriceVersion version) => new(breakdown, version, null);

    public static CallCost Unpriced(string reason) => new(null, null, reason);
}
