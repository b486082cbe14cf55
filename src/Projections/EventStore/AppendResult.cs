namespace Streaming.Projections.EventStore;

/// <summary>What one append did to one stream.</summary>
/// <param name="Version">The stream's version after the append.</param>
/// <param name="Appended">Events written now.</param>
/// <param name="Duplicates">Events skipped because their id was already stored (an earlier, committed append).</param>
public sealed record StreamAppendResult(string TenantId, string StreamId, long Version, int Appended, int Duplicates)
{
    /// <summary>True when every event was already stored: the append changed nothing.</summary>
    public bool WasNoOp => Appended == 0;
}

/// <summary>What a (batched) append did: one entry per stream, in the order given.</summary>
public sealed record AppendResult(IReadOnlyList<StreamAppendResult> Streams)
{
    public int Appended => Streams.Sum(s => s.Appended);

    public int Duplicates => Streams.Sum(s => s.Duplicates);

    /// <summary>True when every event was already stored (a redelivered batch): nothing was written.</summary>
    public bool WasNoOp => Appended == 0;
}
