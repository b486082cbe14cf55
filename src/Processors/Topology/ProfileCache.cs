using Streaming.Processors.Profiles;

namespace Streaming.Processors.Topology;

/// <summary>
/// A least-recently-used cache of profile state in front of the store, with the identifiers of
/// the cached profiles (so a batch resolves them without asking the store). One per topology (in
/// the Kafka role: per batch cycle runner, serving all of the process's partitions) and touched
/// only by the task running that topology, so it needs no lock; it is cleared when a partition is
/// revoked and whenever a batch fails. A batch trusts it optimistically: every write it makes is
/// checked against the stored version, and a mismatch (another process merged, changed or forgot
/// the profile) reruns the batch from the store with the cache checked entry by entry.
/// </summary>
public sealed class ProfileCache(int capacity)
{
    private readonly Dictionary<Guid, LinkedListNode<ProfileState>> _map = [];
    private readonly LinkedList<ProfileState> _order = new();
    private readonly Dictionary<TenantIdentifier, Guid> _holders = [];

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

    /// <summary>The cached profile holding <paramref name="identifier"/>, if any.</summary>
    public bool TryResolve(TenantIdentifier identifier, out ProfileState state)
    {
        if (_holders.TryGetValue(identifier, out var id) && _map.TryGetValue(id, out var node))
        {
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
        foreach (var id in state.Identifiers)
        {
            _holders[new TenantIdentifier(state.TenantId, id)] = state.Id;
        }

        while (_map.Count > capacity && _order.Last is { } last)
        {
            Remove(last.Value.Id);
        }
    }

    public void Remove(Guid id)
    {
        if (_map.Remove(id, out var node))
        {
            _order.Remove(node);
            foreach (var identifier in node.Value.Identifiers)
            {
                var key = new TenantIdentifier(node.Value.TenantId, identifier);
                if (_holders.TryGetValue(key, out var holder) && holder == id)
                {
                    _holders.Remove(key);
                }
            }
        }
    }

    public void Clear()
    {
        _map.Clear();
        _order.Clear();
        _holders.Clear();
    }
}
