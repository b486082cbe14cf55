namespace Streaming.Domain.Segments.Conditions;

public enum CountComparison
{
    AtLeast,
    AtMost,
    Exactly,
}
