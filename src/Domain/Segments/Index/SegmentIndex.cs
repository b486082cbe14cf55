using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.History;

namespace Streaming.Domain.Segments.Index;

/// <summary>
/// Which segments a change can affect, so a stage re-evaluates only those: by event name (any event
/// condition on that name, "did not" included), by trait path (a condition on the path itself, on
/// an ancestor of it, or on a descendant of it: changing <c>address</c> affects a condition on
/// <c>address.city</c> and the reverse), and by membership (segments that reference a segment whose
/// membership just changed). It also says which segments depend on time (and need a next-change
/// timer) and which event series the histories must keep.
/// </summary>
public sealed class SegmentIndex
{
    private readonly Dictionary<string, HashSet<string>> _byEvent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byAncestorPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _bySegment = new(StringComparer.Ordinal);
    private readonly HashSet<string> _timeDependent = new(StringComparer.Ordinal);

    private SegmentIndex(IReadOnlyCollection<SegmentDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            foreach (var leaf in ConditionTree.Leaves(definition.Condition))
            {
                Index(definition.Id, leaf);
            }
        }
        TrackingPlan = EventTrackingPlan.For(definitions.Select(d => d.Condition));
    }

    /// <summary>The series (and fixed ranges) every profile's history keeps for these segments.</summary>
    public EventTrackingPlan TrackingPlan { get; }

    /// <summary>Segments whose membership can change with time alone: they need a next-change timer.</summary>
    public IReadOnlySet<string> TimeDependent => _timeDependent;

    public static SegmentIndex Build(IReadOnlyCollection<SegmentDefinition> definitions) => new(definitions);

    /// <summary>The segments to re-evaluate after an event (or none) that changed these trait paths.</summary>
    public IReadOnlySet<string> Affected(string? eventName, IEnumerable<string> changedPropertyPaths)
    {
        var affected = new HashSet<string>(StringComparer.Ordinal);
        if (eventName is not null && _byEvent.TryGetValue(eventName, out var byEvent))
        {
            affected.UnionWith(byEvent);
        }
        foreach (var path in changedPropertyPaths)
        {
            if (_byAncestorPath.TryGetValue(path, out var below))
            {
                affected.UnionWith(below);
            }
            for (var prefix = path; prefix.Length > 0; prefix = Parent(prefix))
            {
                if (_byPath.TryGetValue(prefix, out var exact))
                {
                    affected.UnionWith(exact);
                }
            }
        }
        return affected;
    }

    /// <summary>The segments that reference <paramref name="segmentId"/> (re-evaluate them when its membership changes).</summary>
    public IReadOnlySet<string> AffectedByMembership(string segmentId) =>
        _bySegment.TryGetValue(segmentId, out var segments) ? segments : new HashSet<string>();

    private void Index(string segmentId, SegmentCondition leaf)
    {
        switch (leaf)
        {
            case PropertyCondition property:
                Add(_byPath, property.Path, segmentId);
                for (var ancestor = Parent(property.Path); ancestor.Length > 0; ancestor = Parent(ancestor))
                {
                    Add(_byAncestorPath, ancestor, segmentId);
                }
                if (property.Operator is PropertyOperator.WithinLast or PropertyOperator.WithinNext or PropertyOperator.Anniversary)
                {
                    _timeDependent.Add(segmentId);
                }
                break;
            case EventCondition @event:
                Add(_byEvent, @event.EventName, segmentId);
                if (@event.Window.IsRelative)
                {
                    _timeDependent.Add(segmentId);
                }
                break;
            case MembershipCondition membership:
                Add(_bySegment, membership.SegmentId, segmentId);
                break;
            default:
                break;
        }
    }

    private static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    private static void Add(Dictionary<string, HashSet<string>> index, string key, string segmentId)
    {
        if (!index.TryGetValue(key, out var segments))
        {
            index[key] = segments = new HashSet<string>(StringComparer.Ordinal);
        }
        segments.Add(segmentId);
    }
}
