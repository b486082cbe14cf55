namespace Streaming.Domain.Costs.Pricing;

/// <summary>
/// Names the exact price a cost was computed with, so a recorded cost can be explained and recomputed:
/// the entry's provider and model (a pattern such as <c>*</c> when it matched by prefix), the date it
/// took effect and whether it came from the catalog or a tenant override.
/// </summary>
public sealed record PriceVersion(string Provider, string Model, DateTimeOffset EffectiveFrom, PriceSource Source)
{
    public override string ToString() =>
        $"{Provider}/{Model}@{EffectiveFrom.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} ({(Source == PriceSource.Catalog ? "catalog" : "tenant override")})";
}
