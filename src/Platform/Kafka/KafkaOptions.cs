using System.ComponentModel.DataAnnotations;

namespace Streaming.Platform.Kafka;

/// <summary>Kafka settings, bound from the <c>Kafka</c> configuration section.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>Bootstrap servers of an external cluster. Empty means: start the embedded broker.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>Number of brokers in the embedded mock cluster.</summary>
    [Range(1, 9)]
    public int EmbeddedBrokers { get; set; } = 1;

    /// <summary>Consumer group of the processors.</summary>
    [Required]
    public string ProcessorsGroupId { get; set; } = "cdp-processors";

    public bool UsesEmbeddedBroker => string.IsNullOrWhiteSpace(BootstrapServers);
}
