namespace Streaming.Domain.Segments.Json;

/// <summary>A definition that cannot be saved: <see cref="Path"/> is the JSON path of the offending node.</summary>
public sealed class SegmentDefinitionException : Exception
{
    public SegmentDefinitionException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    public SegmentDefinitionException()
        : this("$", "invalid segment definition")
    {
    }

    public SegmentDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "$";
        Reason = message;
    }

    public string Path { get; } = "$";

    public string Reason { get; } = "";
}
