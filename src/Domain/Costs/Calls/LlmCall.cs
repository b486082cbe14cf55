namespace Streaming.Domain.Costs.Calls;

/// <summary>
/// One call to a language model, as recorded: who served it, what it consumed, how long it took, what it
/// was for and how good it was. <see cref="Id"/> (the event's message id) deduplicates redeliveries;
/// <see cref="OccurredAt"/> selects the price version in force.
/// </summary>
public sealed record LlmCall
{
    public required string Id { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string Provider { get; init; }

    /// <summary>The model asked for (<c>gen_ai.request.model</c>).</summary>
    public required string Model { get; init; }

    /// <summary>The model that answered (<c>gen_ai.response.model</c>), often a dated snapshot of <see cref="Model"/>.</summary>
    public string? ResponseModel { get; init; }

    /// <summary>What the call was for: research, draft, assess, refine, or an OpenTelemetry operation such as chat.</summary>
    public string? Operation { get; init; }

    /// <summary>The caller's complexity tier for the work (e.g. low, medium, high); the router compares models within one tier.</summary>
    public string? Complexity { get; init; }

    public required TokenUsage Tokens { get; init; }

    public double? LatencyMs { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    public LlmCallStatus Status { get; init; } = LlmCallStatus.Ok;

    public string? TaskId { get; init; }

    public string? Feature { get; init; }

    public string? UserId { get; init; }

    /// <summary>A score from 0 to 1 given by an evaluator or a person.</summary>
    public double? QualityScore { get; init; }

    public LlmFeedback? Feedback { get; init; }

    /// <summary>The model whose price applies first: the one that answered, else the one asked for.</summary>
    public string BilledModel => ResponseModel ?? Model;
}
