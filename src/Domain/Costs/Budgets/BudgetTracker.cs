namespace Streaming.Domain.Costs.Budgets;

/// <summary>
/// Decides which thresholds a new cost crosses. A threshold counts as crossed when the spend reaches
/// it (spent ≥ limit × percent / 100), and it is reported when it is reached and not yet in the set
/// the caller says was already crossed in the period. So applying the same call twice, applying calls
/// out of order or replaying after a restart reports each threshold once, provided the caller stores
/// what was reported with the spend it came from.
/// </summary>
public static class BudgetTracker
{
    /// <param name="spentBefore">The period's spend before this call, without it.</param>
    /// <param name="alreadyCrossed">Percents already reported in this period.</param>
    public static IReadOnlyList<BudgetThresholdCrossed> NewlyCrossed(
        Budget budget, BudgetPeriod period, decimal spentBefore, decimal cost, string callId, IReadOnlySet<decimal> alreadyCrossed)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(alreadyCrossed);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        var spent = spentBefore + cost;
        return budget.ThresholdPercents
            .Where(p => spent >= budget.AmountAt(p) && !alreadyCrossed.Contains(p))
            .Select(p => new BudgetThresholdCrossed(budget.Scope, period, p, budget.AmountAt(p), spent, budget.MonthlyLimit, callId))
            .ToList();
    }

    /// <summary>
    /// Applies a priced call to a period's state: a call already applied (by id) or outside the period
    /// or scope changes nothing and reports nothing.
    /// </summary>
    public static BudgetApplication Apply(Budget budget, BudgetPeriodState state, string callId, DateTimeOffset occurredAt, string? feature, decimal cost)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(state);
        if (state.AppliedCallIds.Contains(callId) || !state.Period.Contains(occurredAt) || !budget.Scope.Covers(feature))
        {
            return new BudgetApplication(state, []);
        }
        var crossed = NewlyCrossed(budget, state.Period, state.Spent, cost, callId, state.Crossed);
        var next = new BudgetPeriodState(
            state.Period,
            state.Spent + cost,
            state.Crossed.Union(crossed.Select(c => c.Percent)).ToHashSet(),
            state.AppliedCallIds.Append(callId).ToHashSet(StringComparer.Ordinal));
        return new BudgetApplication(next, crossed);
    }
}
