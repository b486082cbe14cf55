using Streaming.Domain.Segments.Conditions;

namespace Streaming.Domain.Segments.History;

/// <summary>A series a plan keeps, with the fixed "between" windows some condition asks of it.</summary>
public sealed class TrackedSeries(EventSeries series)
{
    private readonly HashSet<EventWindow> _ranges = [];

    public EventSeries Series { get; } = series;

    public IReadOnlySet<EventWindow> Ranges => _ranges;

    internal void AddRange(EventWindow window) => _ranges.Add(window);
}
