namespace Streaming.Domain.Segments.Conditions;

public enum EventWindowKind
{
    Ever,
    LastDays,
    LastHours,
    BetweenDates,
}
