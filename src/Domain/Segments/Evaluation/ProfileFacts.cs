using System.Text.Json;
using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.History;

namespace Streaming.Domain.Segments.Evaluation;

/// <summary>The facts of a profile held in memory: its traits object, its event history and its memberships.</summary>
public sealed class ProfileFacts(JsonElement traits, EventHistory history, IReadOnlySet<string> memberships) : IProfileFacts
{
    public bool TryGetTrait(string path, out JsonElement value) => JsonPaths.TryResolve(traits, path, out value);

    public bool IsMemberOf(string segmentId) => memberships.Contains(segmentId);

    public EventTotals Totals(EventSeries series, EventWindow window, DateTimeOffset now) => history.Totals(series, window, now);

    public IReadOnlyList<EventBucket> Buckets(EventSeries series, EventWindow window, DateTimeOffset now) => history.Buckets(series, window, now);
}
