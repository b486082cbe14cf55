namespace Streaming.Domain.Costs.Routing;

/// <summary>
/// Picks, for an operation and a complexity tier, the cheapest model whose observed quality meets the
/// policy, and orders the other qualifying models as fallbacks. Ordering is total so the answer is
/// deterministic: mean cost ascending, then mean quality descending, then more scored calls, then
/// provider and model names (ordinal).
/// </summary>
public static class ModelRouter
{
    public static RoutingDecision Route(string operation, string tier, IEnumerable<ModelStats> stats, RoutingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(policy);
        var ranked = stats
            .Where(s => string.Equals(s.Operation, operation, StringComparison.Ordinal)
                && string.Equals(s.Tier, tier, StringComparison.Ordinal)
                && policy.Qualifies(s))
            .OrderBy(s => s.MeanCostPerCall)
            .ThenByDescending(s => s.MeanQuality)
            .ThenByDescending(s => s.ScoredCalls)
            .ThenBy(s => s.Provider, StringComparer.Ordinal)
            .ThenBy(s => s.Model, StringComparer.Ordinal)
            .ToList();
        return ranked.Count == 0
            ? new RoutingDecision(null, [])
            : new RoutingDecision(ranked[0], ranked.Skip(1).ToList());
    }
}
