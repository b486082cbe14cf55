namespace Streaming.Domain.Costs.Pricing;

/// <summary>
/// An immutable set of dated prices: the shipped catalog, or one tenant's overrides (same shape).
/// <see cref="Find"/> picks, among the entries matching a model whose version is in force at a time, the
/// most specific (an exact name before a longer prefix before a shorter one), then the latest version.
/// </summary>
public sealed class PriceCatalog
{
    private readonly IReadOnlyList<ModelPrice> entries;

    public PriceCatalog(IEnumerable<ModelPrice> entries, PriceSource source, DateOnly? checkedOn = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = [.. entries];
        Source = source;
        CheckedOn = checkedOn;
        var duplicate = this.entries
            .GroupBy(e => (Provider: e.Provider.ToUpperInvariant(), Model: e.Model.ToUpperInvariant(), e.EffectiveFrom))
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"two prices for {duplicate.Key.Provider}/{duplicate.Key.Model} from the same date", nameof(entries));
        }
    }

    public static PriceCatalog Empty(PriceSource source) => new([], source);

    /// <summary>The catalog shipped with the platform (an embedded resource); see docs/costs.md for its date.</summary>
    public static PriceCatalog Default => DefaultCatalog.Value;

    private static readonly Lazy<PriceCatalog> DefaultCatalog = new(PriceCatalogJson.LoadDefault);

    public PriceSource Source { get; }

    /// <summary>The day the figures were last checked against the providers' public prices.</summary>
    public DateOnly? CheckedOn { get; }

    public IReadOnlyList<ModelPrice> Entries => entries;

    /// <summary>A catalog with one more version: how a price is added (or changed from a date on).</summary>
    public PriceCatalog With(ModelPrice price) => new([.. entries, price], Source, CheckedOn);

    public ModelPrice? Find(string provider, string model, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        return entries
            .Where(e => e.EffectiveFrom <= at && e.Matches(provider, model))
            .OrderBy(e => e.IsPattern)
            .ThenByDescending(e => e.Model.Length)
            .ThenByDescending(e => e.EffectiveFrom)
            .FirstOrDefault();
    }
}
