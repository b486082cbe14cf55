namespace Streaming.Domain.Costs.Calls;

/// <summary>A call that cannot be recorded: <see cref="Path"/> names the offending field (<c>properties.input_tokens</c>).</summary>
public sealed class LlmCallException : Exception
{
    public LlmCallException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    public LlmCallException()
        : this("properties", "invalid LLM call")
    {
    }

    public LlmCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "properties";
        Reason = message;
    }

    public string Path { get; } = "properties";

    public string Reason { get; } = "";
}
