namespace Streaming.Domain.Costs.Routing;

/// <summary>
/// What counts as good enough: a mean quality of at least <see cref="MinQuality"/> (0..1) over at least
/// <see cref="MinObservations"/> scored calls, so one lucky call does not promote a model.
/// </summary>
public sealed record RoutingPolicy
{
    public RoutingPolicy(double minQuality, int minObservations)
    {
        if (!double.IsFinite(minQuality) || minQuality is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minQuality), minQuality, "must be between 0 and 1");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minObservations);
        MinQuality = minQuality;
        MinObservations = minObservations;
    }

    public double MinQuality { get; }

    public int MinObservations { get; }

    public bool Qualifies(ModelStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return stats.ScoredCalls >= MinObservations && stats.MeanQuality >= MinQuality && stats.MeanCostPerCall is not null;
    }
}
