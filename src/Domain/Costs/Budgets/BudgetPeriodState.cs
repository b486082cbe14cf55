namespace Streaming.Domain.Costs.Budgets;

/// <summary>
/// What is known about one budget in one period: the spend, the thresholds reported and the calls
/// counted (so a redelivered call is not counted twice). Immutable; <see cref="BudgetTracker.Apply"/>
/// returns the next state.
/// </summary>
public sealed record BudgetPeriodState(BudgetPeriod Period, decimal Spent, IReadOnlySet<decimal> Crossed, IReadOnlySet<string> AppliedCallIds)
{
    public static BudgetPeriodState Start(BudgetPeriod period) =>
        new(period, 0m, new HashSet<decimal>(), new HashSet<string>(StringComparer.Ordinal));
}

/// <summary>The state after applying a call, and the thresholds it crossed.</summary>
public sealed record BudgetApplication(BudgetPeriodState State, IReadOnlyList<BudgetThresholdCrossed> Crossed);
