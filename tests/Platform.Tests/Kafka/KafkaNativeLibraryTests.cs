using Confluent.Kafka;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Embedded;
using Streaming.Platform.Kafka.Native;

namespace Streaming.Platform.Tests.Kafka;

public sealed class KafkaNativeLibraryTests
{
    private static readonly string ShippedLibrary =
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "librdkafka.so");

    [Fact]
    public void The_process_runs_on_librdkafka_2_16_from_the_build_output()
    {
        KafkaNativeLibrary.EnsureLoaded();

        Assert.StartsWith("2.16.", KafkaNativeLibrary.Version, StringComparison.Ordinal);
        Assert.Equal(Library.VersionString, KafkaNativeLibrary.Version);
        // Not a system librdkafka the runtime fell back to (Debian's 2.0.2 is one install away).
        Assert.Equal(Path.GetFullPath(ShippedLibrary), KafkaNativeLibrary.FilePath);
    }

    [Theory]
    [InlineData("2.0.2")]
    [InlineData("1.9.3")]
    [InlineData("2.15.0")]
    [InlineData("3.16.0")]
    [InlineData("garbage")]
    public void An_unsupported_librdkafka_is_refused_naming_its_version_and_file(string version)
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => KafkaNativeLibrary.CheckVersion(version, "/usr/lib/x86_64-linux-gnu/librdkafka.so.1"));

        Assert.Contains($"librdkafka {version} is loaded from /usr/lib/x86_64-linux-gnu/librdkafka.so.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs 2.16.x", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.16.0")]
    [InlineData("2.16.3")]
    [InlineData("2.16.0-RC1")]
    public void Any_2_16_release_is_accepted(string version) =>
        KafkaNativeLibrary.CheckVersion(version, filePath: null);

    [Fact]
    public async Task The_embedded_broker_and_the_clients_share_one_librdkafka()
    {
        var topic = new TopicSpec("test.one-library", 1);
        using var broker = new EmbeddedKafkaBroker(brokerCount: 1, [topic]);
        using (var producer = new ProducerBuilder<string, string>(
            KafkaClientConfigs.Producer(broker.BootstrapServers, "one-library")).Build())
        {
            var result = await producer.ProduceAsync(topic.Name, new Message<string, string> { Key = "k", Value = "v" });
            Assert.Equal(PersistenceStatus.Persisted, result.Status);
        }

        var mapped = KafkaNativeLibrary.MappedFiles();

        Assert.Equal([Path.GetFullPath(ShippedLibrary)], mapped);
    }
}
