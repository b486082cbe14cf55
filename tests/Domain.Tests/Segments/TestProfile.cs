using System.Text.Json;
using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.Evaluation;
using Streaming.Domain.Segments.History;
using Streaming.Domain.Segments.Json;

namespace Streaming.Domain.Tests.Segments;

/// <summary>A profile for tests: traits as JSON, raw events, and memberships, turned into facts for given conditions.</summary>
internal sealed class TestProfile
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 30, 0, TimeSpan.Zero);

    private readonly List<EventOccurrence> _events = [];
    private readonly HashSet<string> _memberships = new(StringComparer.Ordinal);
    private JsonElement _traits = JsonDocument.Parse("{}").RootElement;

    public TestProfile Traits(string json)
    {
        _traits = JsonDocument.Parse(json).RootElement;
        return this;
    }

    public TestProfile Event(string name, DateTimeOffset at, string properties = "{}", string context = "{}")
    {
        _events.Add(new EventOccurrence(name, at, JsonDocument.Parse(properties).RootElement, JsonDocument.Parse(context).RootElement));
        return this;
    }

    public TestProfile Member(string segmentId)
    {
        _memberships.Add(segmentId);
        return this;
    }

    public IProfileFacts FactsFor(SegmentCondition condition, DateTimeOffset recordedAt)
    {
        var plan = EventTrackingPlan.For([condition]);
        var history = new EventHistory();
        foreach (var e in _events)
        {
            history.Record(e, plan, recordedAt);
        }
        return new ProfileFacts(_traits, history, _memberships);
    }

    public bool Matches(string json) => Matches(json, Now);

    public bool Matches(string json, DateTimeOffset now)
    {
        var condition = SegmentJson.Parse(json);
        return SegmentEvaluator.Evaluate(condition, FactsFor(condition, now), now);
    }

    public DateTimeOffset? NextChangeAt(string json, DateTimeOffset now)
    {
        var condition = SegmentJson.Parse(json);
        return SegmentEvaluator.NextChangeAt(condition, FactsFor(condition, now), now);
    }
}
