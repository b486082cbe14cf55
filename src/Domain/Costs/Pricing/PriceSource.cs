namespace Streaming.Domain.Costs.Pricing;

/// <summary>Where a price comes from: the shipped catalog or the tenant's own override.</summary>
public enum PriceSource
{
    Catalog,
    TenantOverride,
}
