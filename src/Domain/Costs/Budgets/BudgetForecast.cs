namespace Streaming.Domain.Costs.Budgets;

/// <summary>
/// The month-end spend projected linearly on elapsed time: spend so far × (month length / time elapsed
/// since the start of the month). It assumes the rest of the month spends at the average rate so far,
/// so it says nothing about weekly cycles or a launch next week; early in a month it swings widely.
/// </summary>
public static class BudgetForecast
{
    public static decimal MonthEnd(BudgetPeriod period, decimal spentSoFar, DateTimeOffset now)
    {
        if (now >= period.End)
        {
            return spentSoFar;
        }
        var elapsed = (now - period.Start).Ticks;
        if (elapsed <= 0)
        {
            return spentSoFar;
        }
        var length = (period.End - period.Start).Ticks;
        return spentSoFar * length / elapsed;
    }

    /// <summary>Whether the projection exceeds the budget's monthly limit.</summary>
    public static bool ProjectedOver(Budget budget, BudgetPeriod period, decimal spentSoFar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return MonthEnd(period, spentSoFar, now) > budget.MonthlyLimit;
    }
}
