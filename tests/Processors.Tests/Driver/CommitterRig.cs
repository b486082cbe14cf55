using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Processors.Health;
using Streaming.Processors.Kafka;
using Streaming.Processors.Topology;
using Streaming.Processors.Topology.Stages;

namespace Streaming.Processors.Tests.Driver;

/// <summary>The graph's store stage over a given store and stage list, fed decoded records as the graph would.</summary>
public sealed class CommitterRig : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly ServiceProvider _services;
    private long _offset;

    public CommitterRig(IProfileStore store, IReadOnlyList<IProfileStage>? stages = null)
    {
        Store = store;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Runner = new StageRunner(store, new ProfileCache(1_000), stages ?? ProcessorTopology.ProfileStages(_services));
        Committer = new BatchCommitter(Runner, new ProcessorMetrics(_services.GetRequiredService<IMeterFactory>(), new ProcessorsStatus()), NullLogger.Instance);
        // A client handle only (never subscribed): the lease needs one to store offsets.
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig { BootstrapServers = "127.0.0.1:9", GroupId = "committer-tests" }).Build();
        Lease = new PartitionLease(new TopicPartition(Topics.Events.Name, 0), _consumer, 1_000, 1 << 20);
    }

    public IProfileStore Store { get; }

    public StageRunner Runner { get; }

    public BatchCommitter Committer { get; }

    public PartitionLease Lease { get; }

    public async Task<IReadOnlyList<DecodedRecord>> DecodeAsync(params EventEnvelope[] envelopes)
    {
        var decoder = new RecordDecoder(Store);
        var decoded = new List<DecodedRecord>();
        foreach (var envelope in envelopes)
        {
            var raw = TestRecords.Of(envelope, _offset++);
            var (message, deadLetter) = await decoder.ValidateAsync(raw, envelope, CancellationToken.None);
            decoded.Add(new DecodedRecord(new ConsumedRecord(raw, Lease, raw.Value!.Length), message, deadLetter));
        }

        return decoded;
    }

    public void Dispose()
    {
        Committer.Dispose();
        _consumer.Dispose();
        _services.Dispose();
    }
}
