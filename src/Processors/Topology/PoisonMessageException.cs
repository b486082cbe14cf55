using Streaming.Processors.Model;

namespace Streaming.Processors.Topology;

/// <summary>A stage could not handle one message: it is dead-lettered and its batch reruns without it.</summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException(InboundEvent poison, string stage, Exception innerException)
        : base($"{stage}: {innerException?.GetType().Name}: {innerException?.Message}", innerException)
    {
        Poison = poison;
        Stage = stage;
    }

    public PoisonMessageException()
    {
    }

    public PoisonMessageException(string message)
        : base(message)
    {
    }

    public PoisonMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InboundEvent? Poison { get; }

    public string Stage { get; } = "";
}
