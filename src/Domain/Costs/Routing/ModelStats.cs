namespace Streaming.Domain.Costs.Routing;

/// <summary>
/// What was observed of one model for one operation and complexity tier: how many calls, how many of
/// them carried a quality score and their mean, and the mean cost of the priced calls (null when none
/// was priced, so an unpriced model is never taken for a free one).
/// </summary>
public sealed record ModelStats(
    string Operation,
    string Tier,
    string Provider,
    string Model,
    long Calls,
    long ScoredCalls,
    double? MeanQuality,
    decimal? MeanCostPerCall);
