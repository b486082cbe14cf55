namespace Streaming.Domain.Costs.Pricing;

/// <summary>
/// One version of one model's price, in US dollars, with LiteLLM's field names. <see cref="Model"/> is
/// an exact model name or a prefix ending in <c>*</c> (<c>*</c> alone: every model of the provider, as
/// for local runtimes). A missing cache price means cache tokens cost the plain input price.
/// <see cref="ComputeCostPerHour"/> prices local hardware by the call's latency.
/// </summary>
public sealed record ModelPrice
{
    public required string Provider { get; init; }

    public required string Model { get; init; }

    public required DateTimeOffset EffectiveFrom { get; init; }

    public required decimal InputCostPerToken { get; init; }

    public required decimal OutputCostPerToken { get; init; }

    public decimal? CacheReadInputTokenCost { get; init; }

    public decimal? CacheCreationInputTokenCost { get; init; }

    public decimal? ComputeCostPerHour { get; init; }

    /// <summary>Where the figure was read (a URL), for whoever keeps the catalog current.</summary>
    public string? SourceUrl { get; init; }

    public bool IsPattern => Model.EndsWith('*');

    public bool Matches(string provider, string model) =>
        string.Equals(Provider, provider, StringComparison.OrdinalIgnoreCase)
        && (IsPattern
            ? model.StartsWith(Model[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(Model, model, StringComparison.OrdinalIgnoreCase));
}
