namespace Streaming.Domain.Segments.Conditions;

public enum AggregateFunction
{
    Sum,
    Avg,
    Min,
    Max,
}
