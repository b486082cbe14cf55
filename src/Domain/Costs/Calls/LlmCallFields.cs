namespace Streaming.Domain.Costs.Calls;

/// <summary>
/// Each field of a call under our name and its OpenTelemetry GenAI attribute names (flat keys, as
/// instrumented code exports them). The first name is ours; a call may use any of them, and two names
/// for the same field must agree.
/// </summary>
public static class LlmCallFields
{
    public static readonly IReadOnlyList<string> Provider = ["provider", "gen_ai.provider.name", "gen_ai.system"];
    public static readonly IReadOnlyList<string> Model = ["model", "gen_ai.request.model"];
    public static readonly IReadOnlyList<string> ResponseModel = ["response_model", "gen_ai.response.model"];
    public static readonly IReadOnlyList<string> Operation = ["operation", "gen_ai.operation.name"];
    public static readonly IReadOnlyList<string> Complexity = ["complexity"];
    public static readonly IReadOnlyList<string> InputTokens = ["input_tokens", "gen_ai.usage.input_tokens"];
    public static readonly IReadOnlyList<string> OutputTokens = ["output_tokens", "gen_ai.usage.output_tokens"];
    public static readonly IReadOnlyList<string> CacheReadTokens = ["cache_read_tokens", "gen_ai.usage.cache_read.input_tokens"];
    public static readonly IReadOnlyList<string> CacheWriteTokens = ["cache_write_tokens", "gen_ai.usage.cache_creation.input_tokens"];
    public static readonly IReadOnlyList<string> LatencyMs = ["latency_ms"];
    public static readonly IReadOnlyList<string> TimeToFirstTokenMs = ["time_to_first_token_ms"];
    public static readonly IReadOnlyList<string> Status = ["status"];
    public static readonly IReadOnlyList<string> TaskId = ["task_id"];
    public static readonly IReadOnlyList<string> Feature = ["feature"];
    public static readonly IReadOnlyList<string> UserId = ["user_id"];
    public static readonly IReadOnlyList<string> QualityScore = ["quality_score"];
    public static readonly IReadOnlyList<string> Feedback = ["feedback"];
}
