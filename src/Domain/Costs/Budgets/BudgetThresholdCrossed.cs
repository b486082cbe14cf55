namespace Streaming.Domain.Costs.Budgets;

/// <summary>
/// A threshold reached in a period: the fact flows react to (webhook, email). Its identity is
/// (scope, period, percent); it happens at most once per period.
/// </summary>
public sealed record BudgetThresholdCrossed(BudgetScope Scope, BudgetPeriod Period, decimal Percent, decimal Threshold, decimal Spent, decimal MonthlyLimit, string CallId);
