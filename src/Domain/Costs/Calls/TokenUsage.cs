namespace Streaming.Domain.Costs.Calls;

/// <summary>
/// Token counts of one call. <see cref="InputTokens"/> is the whole prompt, cache reads and cache writes
/// included, as the OpenTelemetry GenAI conventions define <c>gen_ai.usage.input_tokens</c>, so a call sent
/// with either set of names means the same thing; <see cref="UncachedInputTokens"/> is what is billed at
/// the plain input price.
/// </summary>
public sealed record TokenUsage(long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens)
{
    public long UncachedInputTokens => InputTokens - CacheReadTokens - CacheWriteTokens;
}
