using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Platform.Kafka.Embedded;
using Streaming.Platform.Kafka.Native;

namespace Streaming.Platform.Kafka;

/// <summary>
/// Where the Kafka clients connect: the configured cluster, or, when none is configured, an
/// embedded broker started on first use with every topic in <see cref="Topics.All"/>. Creating it
/// (at host start, by <c>EmbeddedKafkaStarter</c>) checks the process's librdkafka and refuses an
/// unsupported one (<see cref="KafkaNativeLibrary"/>).
/// </summary>
public sealed partial class KafkaBootstrap : IDisposable
{
    private readonly Lazy<EmbeddedKafkaBroker?> _embedded;
    private readonly KafkaOptions _options;

    public KafkaBootstrap(IOptions<KafkaOptions> options, ILogger<KafkaBootstrap> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        KafkaNativeLibrary.EnsureLoaded();
        LogNativeLibrary(logger, KafkaNativeLibrary.Version, KafkaNativeLibrary.FilePath ?? "(the runtime's default)");
        _embedded = new Lazy<EmbeddedKafkaBroker?>(() =>
        {
            if (!_options.UsesEmbeddedBroker)
            {
                return null;
            }

            var broker = new EmbeddedKafkaBroker(_options.EmbeddedBrokers, Topics.All);
            LogEmbeddedStarted(logger, broker.BootstrapServers, broker.BrokerCount);
            return broker;
        });
    }

    /// <summary>The bootstrap address clients use; starts the embedded broker if it is the one.</summary>
    public string Servers => _embedded.Value?.BootstrapServers ?? _options.BootstrapServers!;

    /// <summary>The embedded broker, for fault injection; null when an external cluster is configured.</summary>
    public EmbeddedKafkaBroker? Embedded => _embedded.Value;

    public bool IsEmbedded => _options.UsesEmbeddedBroker;

    public void Dispose()
    {
        if (_embedded.IsValueCreated)
        {
            _embedded.Value?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka clients use librdkafka {Version} from {FilePath}")]
    private static partial void LogNativeLibrary(ILogger logger, string version, string filePath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded Kafka broker listening at {BootstrapServers} ({Brokers} broker(s))")]
    private static partial void LogEmbeddedStarted(ILogger logger, string bootstrapServers, int brokers);
}
