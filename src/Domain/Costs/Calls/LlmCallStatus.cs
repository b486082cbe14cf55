namespace Streaming.Domain.Costs.Calls;

/// <summary>How a call ended; failed calls still cost what the provider billed for their tokens.</summary>
public enum LlmCallStatus
{
    Ok,
    Error,
    Cancelled,
    Timeout,
}
