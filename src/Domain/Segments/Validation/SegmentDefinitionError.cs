namespace Streaming.Domain.Segments.Validation;

/// <summary>Why a definition cannot be saved: the segment, the JSON path of the offending node, the reason.</summary>
public sealed record SegmentDefinitionError(string SegmentId, string Path, string Reason)
{
    public override string ToString() => $"segment '{SegmentId}' {Path}: {Reason}";
}
