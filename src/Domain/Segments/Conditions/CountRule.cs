namespace Streaming.Domain.Segments.Conditions;

/// <summary>At least / at most / exactly <see cref="Times"/> matching events.</summary>
public sealed record CountRule(CountComparison Comparison, int Times)
{
    public bool Holds(long count) => Comparison switch
    {
        CountComparison.AtLeast => count >= Times,
        CountComparison.AtMost => count <= Times,
        _ => count == Times,
    };
}
