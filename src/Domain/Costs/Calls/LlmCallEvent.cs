namespace Streaming.Domain.Costs.Calls;

/// <summary>The reserved track event name that carries one LLM call in its <c>properties</c>.</summary>
public static class LlmCallEvent
{
    public const string Name = "LLM Call";
}
