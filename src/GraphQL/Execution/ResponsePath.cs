using System.Globalization;

namespace Streaming.GraphQL.Execution;

/// <summary>A position in the response: response keys and list indexes, linked to the parent.</summary>
public sealed class ResponsePath
{
    private readonly string? _key;
    private readonly int _index;

    public ResponsePath(ResponsePath? parent, string key)
    {
        Parent = parent;
        _key = key;
    }

    public ResponsePath(ResponsePath? parent, int index)
    {
        Parent = parent;
        _index = index;
    }

    public ResponsePath? Parent { get; }

    /// <summary>A response key (string) or a list index (int).</summary>
    public object Key => _key ?? (object)_index;

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

    public override string ToString() => string.Join(".", ToList().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)));
}
