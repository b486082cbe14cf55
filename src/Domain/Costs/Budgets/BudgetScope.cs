namespace Streaming.Domain.Costs.Budgets;

/// <summary>What a budget covers: all of the tenant's calls, or those of one feature.</summary>
public sealed record BudgetScope
{
    private BudgetScope(string? feature) => Feature = feature;

    public static BudgetScope Tenant { get; } = new((string?)null);

    /// <summary>Null for the tenant-wide budget.</summary>
    public string? Feature { get; }

    public static BudgetScope ForFeature(string feature)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        return new BudgetScope(feature);
    }

    public bool Covers(string? callFeature) => Feature is null || string.Equals(Feature, callFeature, StringComparison.Ordinal);

    public override string ToString() => Feature is null ? "tenant" : $"feature:{Feature}";
}
