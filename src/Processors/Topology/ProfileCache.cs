using Streaming.Processors.Profiles;

namespace Streaming.Processors.Topology;

/// <summary>
/// A least-recently-used cache of profile state in front of the store. One per topology (in the
/// Kafka role: per batch cycle runner, serving all of the process's partitions) and touched only by
/// the task running that topology, so it needs no lock; it is cleared when a partition is revoked. Entries are checked against the stored version every batch,
/// so a profile another partition merged or a GDPR delete removed is reloaded, never trusted.
/// </summary>
public sealed class ProfileCache(int capacity)
{
    private readonly Dictionary<Guid, LinkedListNode<ProfileState>> _map = [];
    private readonly LinkedList<ProfileState> _order = new();

    public int Count => _map.Count;

    public bool TryGet(Guid id, out ProfileState state)
    {
        if (_map.TryGetValue(id, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            state = node.Value;
            return true;
        }

        state = null!;
        return false;
    }

    public void Put(ProfileState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_map.TryGetValue(state.Id, out var node))
        {
            _order.Remove(node);
        }

        var fresh = _order.AddFirst(state);
        _map[state.Id] = fresh;
        while (_map.Count > capacity && _order.Last is { } last)
        {
            _order.RemoveLast();
            _map.Remove(last.Value.Id);
        }
    }

    public void Remove(Guid id)
    {
        if (_map.Remove(id, out var node))
        {
            _order.Remove(node);
        }
    }

    public void Clear()
    {
        _map.Clear();
        _order.Clear();
    }
}
