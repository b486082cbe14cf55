using System.Text.Json;
using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.History;

namespace Streaming.Domain.Segments.Evaluation;

/// <summary>What the evaluator may know about one profile.</summary>
public interface IProfileFacts
{
    /// <summary>The trait at a dot-separated path (<c>address.city</c>).</summary>
    bool TryGetTrait(string path, out JsonElement value);

    /// <summary>Whether the profile is currently a member of another segment.</summary>
    bool IsMemberOf(string segmentId);

    /// <summary>The totals of a series over a window at <paramref name="now"/>.</summary>
    EventTotals Totals(EventSeries series, EventWindow window, DateTimeOffset now);

    /// <summary>The non-empty buckets of a relative window at <paramref name="now"/>, oldest first.</summary>
    IReadOnlyList<EventBucket> Buckets(EventSeries series, EventWindow window, DateTimeOffset now);
}
