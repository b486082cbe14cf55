using Streaming.Domain.Costs.Budgets;

namespace Streaming.Domain.Tests.Costs;

public sealed class BudgetTrackerTests
{
    private static readonly BudgetPeriod March = new(2026, 3);
    private static readonly Budget Hundred = new(BudgetScope.Tenant, 100m);

    [Fact]
    public void Each_threshold_is_reported_once_as_spend_reaches_it()
    {
        var state = BudgetPeriodState.Start(March);
        var reported = new List<decimal>();
        foreach (var (id, cost) in new[] { ("a", 30m), ("b", 20m), ("c", 29.99m), ("d", 0.01m), ("e", 5m), ("f", 15m), ("g", 40m) })
        {
            var applied = BudgetTracker.Apply(Hundred, state, id, March.Start.AddDays(1), null, cost);
            state = applied.State;
            reported.AddRange(applied.Crossed.Select(c => c.Percent));
        }

        Assert.Equal([50m, 80m, 100m], reported);
        Assert.Equal(140m, state.Spent);
    }

    [Fact]
    public void A_redelivered_call_changes_nothing()
    {
        var once = BudgetTracker.Apply(Hundred, BudgetPeriodState.Start(March), "a", March.Start, null, 60m);
        var twice = BudgetTracker.Apply(Hundred, once.State, "a", March.Start, null, 60m);

        Assert.Equal([50m], once.Crossed.Select(c => c.Percent));
        Assert.Empty(twice.Crossed);
        Assert.Equal(60m, twice.State.Spent);
    }

    [Fact]
    public void Calls_applied_out_of_order_and_repeatedly_report_each_threshold_once()
    {
        var calls = Enumerable.Range(0, 40).Select(i => ($"call-{i}", 3.5m)).ToList();
        var shuffled = calls.Select((c, i) => (c, i)).OrderBy(x => x.i * 17 % 40).Select(x => x.c).Concat(calls).Concat(calls.AsEnumerable().Reverse());
        var state = BudgetPeriodState.Start(March);
        var reported = new List<decimal>();
        foreach (var (id, cost) in shuffled)
        {
            var applied = BudgetTracker.Apply(Hundred, state, id, March.Start.AddDays(3), null, cost);
            state = applied.State;
            reported.AddRange(applied.Crossed.Select(c => c.Percent));
        }

        Assert.Equal([50m, 80m, 100m], reported);
        Assert.Equal(140m, state.Spent);
    }

    [Fact]
    public void One_large_cost_crosses_several_thresholds_at_once()
    {
        var crossed = BudgetTracker.NewlyCrossed(Hundred, March, 10m, 85m, "big", new HashSet<decimal>());

        Assert.Equal([50m, 80m], crossed.Select(c => c.Percent));
        Assert.All(crossed, c => Assert.Equal(95m, c.Spent));
        Assert.Equal(80m, crossed[1].Threshold);
    }

    [Fact]
    public void Thresholds_the_caller_already_reported_are_not_reported_again_after_a_restart()
    {
        var crossed = BudgetTracker.NewlyCrossed(Hundred, March, 79m, 30m, "late", new HashSet<decimal> { 50m, 80m });

        Assert.Equal([100m], crossed.Select(c => c.Percent));
    }

    [Fact]
    public void A_feature_budget_counts_only_its_feature_and_its_month()
    {
        var budget = new Budget(BudgetScope.ForFeature("newsletter"), 10m, [100m]);
        var state = BudgetPeriodState.Start(March);

        state = BudgetTracker.Apply(budget, state, "other", March.Start, "search", 50m).State;
        state = BudgetTracker.Apply(budget, state, "april", March.End, "newsletter", 50m).State;
        var hit = BudgetTracker.Apply(budget, state, "mine", March.End.AddTicks(-1), "newsletter", 10m);

        Assert.Equal(10m, hit.State.Spent);
        Assert.Equal("feature:newsletter", Assert.Single(hit.Crossed).Scope.ToString());
    }

    [Fact]
    public void The_period_is_the_UTC_calendar_month()
    {
        var lateInMarchInNewYork = new DateTimeOffset(2026, 3, 31, 21, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new BudgetPeriod(2026, 4), BudgetPeriod.Containing(lateInMarchInNewYork));
        Assert.Equal("2026-04", BudgetPeriod.Containing(lateInMarchInNewYork).ToString());
    }

    [Fact]
    public void The_forecast_extrapolates_the_spend_so_far_linearly_to_month_end()
    {
        // 31-day month: after 10 days, $100 projects to $310.
        Assert.Equal(310m, BudgetForecast.MonthEnd(March, 100m, March.Start.AddDays(10)));
        Assert.Equal(100m, BudgetForecast.MonthEnd(March, 100m, March.End));
        Assert.Equal(0m, BudgetForecast.MonthEnd(March, 0m, March.Start));
        Assert.True(BudgetForecast.ProjectedOver(new Budget(BudgetScope.Tenant, 300m), March, 100m, March.Start.AddDays(10)));
        Assert.False(BudgetForecast.ProjectedOver(new Budget(BudgetScope.Tenant, 310m), March, 100m, March.Start.AddDays(10)));
    }
}
