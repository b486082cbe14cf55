namespace Streaming.Domain.Costs.Budgets;

/// <summary>
/// A monthly spending limit in US dollars for a scope, with the percentages of it that raise an alert
/// (50, 80, 100 by default; above 100 is allowed, for "well over budget").
/// </summary>
public sealed record Budget
{
    public static readonly IReadOnlyList<decimal> DefaultThresholds = [50m, 80m, 100m];

    public Budget(BudgetScope scope, decimal monthlyLimit, IEnumerable<decimal>? thresholdPercents = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(monthlyLimit);
        var thresholds = (thresholdPercents ?? DefaultThresholds).Distinct().Order().ToList();
        if (thresholds.Count == 0 || thresholds[0] <= 0m)
        {
            throw new ArgumentException("a budget needs at least one threshold, each above 0 %", nameof(thresholdPercents));
        }
        Scope = scope;
        MonthlyLimit = monthlyLimit;
        ThresholdPercents = thresholds;
    }

    public BudgetScope Scope { get; }

    public decimal MonthlyLimit { get; }

    /// <summary>Ascending and distinct.</summary>
    public IReadOnlyList<decimal> ThresholdPercents { get; }

    public decimal AmountAt(decimal percent) => MonthlyLimit * percent / 100m;
}
