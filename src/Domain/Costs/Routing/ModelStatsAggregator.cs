using Streaming.Domain.Costs.Calculation;
using Streaming.Domain.Costs.Calls;

namespace Streaming.Domain.Costs.Routing;

/// <summary>
/// Builds <see cref="ModelStats"/> from recorded calls and their costs, grouped by operation, tier
/// (<see cref="LlmCall.Complexity"/>), provider and billed model. Calls without an operation or tier
/// are left out: they cannot inform a routing question. Only successful calls count; a failed call's
/// cost is real but its quality is not a measure of the model.
/// </summary>
public static class ModelStatsAggregator
{
    public static IReadOnlyList<ModelStats> From(IEnumerable<(LlmCall Call, CallCost Cost)> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return recorded
            .Where(r => r.Call.Operation is not null && r.Call.Complexity is not null && r.Call.Status == LlmCallStatus.Ok)
            .GroupBy(r => (Operation: r.Call.Operation!, Tier: r.Call.Complexity!, r.Call.Provider, Model: r.Call.BilledModel))
            .Select(g =>
            {
                var scores = g.Where(r => r.Call.QualityScore is not null).Select(r => r.Call.QualityScore!.Value).ToList();
                var costs = g.Where(r => r.Cost.IsPriced).Select(r => r.Cost.Total!.Value).ToList();
                return new ModelStats(
                    g.Key.Operation, g.Key.Tier, g.Key.Provider, g.Key.Model,
                    Calls: g.LongCount(),
                    ScoredCalls: scores.Count,
                    MeanQuality: scores.Count == 0 ? null : scores.Average(),
                    MeanCostPerCall: costs.Count == 0 ? null : costs.Sum() / costs.Count);
            })
            .OrderBy(s => s.Operation, StringComparer.Ordinal)
            .ThenBy(s => s.Tier, StringComparer.Ordinal)
            .ThenBy(s => s.Provider, StringComparer.Ordinal)
            .ThenBy(s => s.Model, StringComparer.Ordinal)
            .ToList();
    }
}
