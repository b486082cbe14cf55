using System.Globalization;

namespace Streaming.Domain.Costs.Budgets;

/// <summary>A calendar month in UTC, [Start, End): the period budgets, thresholds and forecasts refer to.</summary>
public readonly record struct BudgetPeriod(int Year, int Month)
{
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset End => Start.AddMonths(1);

    public static BudgetPeriod Containing(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new BudgetPeriod(utc.Year, utc.Month);
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>The period's key, <c>yyyy-MM</c>.</summary>
    public override string ToString() => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
