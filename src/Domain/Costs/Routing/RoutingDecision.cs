namespace Streaming.Domain.Costs.Routing;

/// <summary>
/// The cheapest qualifying model (<see cref="Choice"/>, null when none qualifies) and the other
/// qualifying models in the order to try them if it fails (<see cref="Fallbacks"/>, by cost).
/// </summary>
public sealed record RoutingDecision(ModelStats? Choice, IReadOnlyList<ModelStats> Fallbacks)
{
    /// <summary>The choice followed by its fallbacks.</summary>
    public IReadOnlyList<ModelStats> Chain => Choice is null ? [] : [Choice, .. Fallbacks];
}
