using System.Diagnostics;
using Confluent.Kafka;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Embedded;

namespace Streaming.Bench;

/// <summary>
/// How fast the project's producer settings (idempotent, acks=all) deliver small records to the
/// embedded broker, against a fire-and-forget producer (acks=1, no idempotence) in the same run.
/// </summary>
internal sealed class KafkaProduceBenchmark : IBenchmark
{
    private const int Records = 1_000_000;
    private static readonly TopicSpec Topic = new("bench.produce", 12);

    public string Name => "kafka";

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        using var broker = new EmbeddedKafkaBroker(1, [Topic]);
        var payload = new byte[200];
        Random.Shared.NextBytes(payload);

        var reference = KafkaClientConfigs.Producer(broker.BootstrapServers, "bench-reference");
        reference.EnableIdempotence = false;
        reference.Acks = Acks.Leader;
        var ours = KafkaClientConfigs.Producer(broker.BootstrapServers, "bench-ours");

        Produce(ours, payload, Records / 10); // warm-up
        var referenceRate = Produce(reference, payload, Records);
        var oursRate = Produce(ours, payload, Records);

        await Task.CompletedTask;
        return new BenchReport(Name)
            .Add("produce_records_per_s", oursRate, "records/s")
            .Add("reference_records_per_s", referenceRate, "records/s")
            .Add("produce_vs_reference_ratio", oursRate / referenceRate, "ratio");
    }

    private static double Produce(ProducerConfig config, byte[] payload, int count)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var key = BitConverter.GetBytes(i);
            while (true)
            {
                try
                {
                    producer.Produce(Topic.Name, new Message<byte[], byte[]> { Key = key, Value = payload },
                        report => { if (report.Error.IsError) { Interlocked.Increment(ref failed); } });
                    break;
                }
                catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        var seconds = clock.Elapsed.TotalSeconds;
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} records were not delivered.");
        }

        return count / seconds;
    }
}
