namespace Streaming.Processors.Topology;

/// <summary>A Kafka record as consumed, before decoding: what the topology's first stage gets.</summary>
public sealed record RawRecord(
    string Topic,
    int Partition,
    long Offset,
    byte[]? Key,
    byte[]? Value,
    IReadOnlyList<KeyValuePair<string, byte[]>> Headers);
