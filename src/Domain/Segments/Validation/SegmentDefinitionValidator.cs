using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.Json;

namespace Streaming.Domain.Segments.Validation;

/// <summary>
/// The check on save: each definition parses strictly, and the set a tenant would have after the
/// save has no reference to an unknown segment and no membership cycle (a cycle has no stable
/// answer: "in A" where A is "not in B" and B is "in A").
/// </summary>
public sealed class SegmentDefinitionValidator(SegmentLimits? limits = null)
{
    private readonly SegmentLimits _limits = limits ?? SegmentLimits.Default;

    /// <summary>Parses one definition; throws <see cref="SegmentDefinitionException"/> naming the JSON path.</summary>
    public SegmentDefinition Parse(string segmentId, string json)
    {
        if (string.IsNullOrWhiteSpace(segmentId))
        {
            throw new SegmentDefinitionException("id", "a segment id must not be empty");
        }
        return new SegmentDefinition(segmentId, SegmentJson.Parse(json, _limits));
    }

    /// <summary>Parses every (id, JSON) pair and checks the whole set; returns every error found.</summary>
    public IReadOnlyList<SegmentDefinitionError> Validate(IEnumerable<(string Id, string Json)> definitions)
    {
        var errors = new List<SegmentDefinitionError>();
        var parsed = new List<SegmentDefinition>();
        foreach (var (id, json) in definitions)
        {
            try
            {
                parsed.Add(Parse(id, json));
            }
            catch (SegmentDefinitionException e)
            {
                errors.Add(new SegmentDefinitionError(id, e.Path, e.Reason));
            }
        }
        errors.AddRange(Validate(parsed));
        return errors;
    }

    /// <summary>Checks references across a set of parsed definitions: duplicates, unknown segments, cycles.</summary>
    public static IReadOnlyList<SegmentDefinitionError> Validate(IReadOnlyCollection<SegmentDefinition> definitions)
    {
        var errors = new List<SegmentDefinitionError>();
        var byId = new Dictionary<string, SegmentDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!byId.TryAdd(definition.Id, definition))
            {
                errors.Add(new SegmentDefinitionError(definition.Id, "id", "appears more than once in the set"));
            }
        }
        var references = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var definition in byId.Values.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            var referenced = ConditionTree.Leaves(definition.Condition).OfType<MembershipCondition>()
                .Select(m => m.SegmentId).Distinct(StringComparer.Ordinal).ToList();
            foreach (var unknown in referenced.Where(r => !byId.ContainsKey(r)))
            {
                errors.Add(new SegmentDefinitionError(definition.Id, "segment", $"references unknown segment '{unknown}'"));
            }
            references[definition.Id] = [.. referenced.Where(byId.ContainsKey)];
        }
        errors.AddRange(MembershipCycles.Find(references).Select(cycle =>
            new SegmentDefinitionError(cycle[0], "segment", $"membership cycle: {string.Join(" -> ", cycle)}")));
        return errors;
    }
}
