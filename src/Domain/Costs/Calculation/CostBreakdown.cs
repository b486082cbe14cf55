namespace Streaming.Domain.Costs.Calculation;

/// <summary>What one call cost per token kind (and compute time for local models), in US dollars, unrounded.</summary>
public sealed record CostBreakdown(decimal Input, decimal Output, decimal CacheRead, decimal CacheWrite, decimal Compute)
{
    public decimal Total => Input + Output + CacheRead + CacheWrite + Compute;
}
