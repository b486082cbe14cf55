namespace Streaming.Domain.Costs.Calls;

/// <summary>What a person said about the output: a 1..5 rating, whether it was approved, how many edits it needed.</summary>
public sealed record LlmFeedback(int? Rating, bool? Approved, int? Edits);
