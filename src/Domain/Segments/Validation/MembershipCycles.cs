namespace Streaming.Domain.Segments.Validation;

/// <summary>
/// Finds membership cycles by depth-first search over "segment references segment" edges; each
/// cycle is reported once, as the path from its first segment back to it (<c>a -> b -> a</c>).
/// </summary>
internal static class MembershipCycles
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, List<string>> references)
    {
        var cycles = new List<IReadOnlyList<string>>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var onPath = new List<string>();
        foreach (var id in references.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id, references, done, onPath, cycles);
        }
        return cycles;
    }

    private static void Visit(string id, IReadOnlyDictionary<string, List<string>> references, HashSet<string> done,
        List<string> onPath, List<IReadOnlyList<string>> cycles)
    {
        if (done.Contains(id))
        {
            return;
        }
        var start = onPath.IndexOf(id);
        if (start >= 0)
        {
            cycles.Add([.. onPath.Skip(start), id]);
            return;
        }
        onPath.Add(id);
        foreach (var next in references[id])
        {
            Visit(next, references, done, onPath, cycles);
        }
        onPath.RemoveAt(onPath.Count - 1);
        done.Add(id);
    }
}
