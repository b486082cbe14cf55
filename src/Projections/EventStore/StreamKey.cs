namespace Streaming.Projections.EventStore;

/// <summary>A stream's identity: tenant and stream id together.</summary>
internal readonly record struct StreamKey(string TenantId, string StreamId) : IComparable<StreamKey>
{
    public int CompareTo(StreamKey other)
    {
        var byTenant = string.CompareOrdinal(TenantId, other.TenantId);
        return byTenant != 0 ? byTenant : string.CompareOrdinal(StreamId, other.StreamId);
    }

    public override string ToString() => TenantId + "/" + StreamId;
}

/// <summary>One event row ready for insert, with its version assigned once the stream is locked.</summary>
internal sealed class AppendRow
{
    public required Guid Id { get; init; }

    public required StreamKey Key { get; init; }

    public required string Type { get; init; }

    public required string Json { get; init; }

    public string? CorrelationId { get; init; }

    public string? CausationId { get; init; }

    public string? HeadersJson { get; init; }

    public required DateTime Timestamp { get; init; }

    public long Version { get; set; }
}
