namespace Streaming.GraphQL.Execution;

/// <summary>A position in the response: response keys and list indexes, linked to the parent.</summary>
public sealed class Path(Path? parent, object key)
{
    public Path? Parent { get; } = parent;

    public object Key { get; } = key;

    public IReadOnlyList<object> ToList()
    {
        var list = new List<object>();
        for (var p = this; p is not null; p = p.Parent)
        {
            list.Add(p.Key);
        }

        list.Reverse();
        return list;
    }

    public override string ToString() => string.Join(".", ToList());
}
