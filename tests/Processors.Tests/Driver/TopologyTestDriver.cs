using System.Text;
using System.Text.Json;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Tests.Driver;

/// <summary>
/// Runs the processors' topology without Kafka or PostgreSQL (as Kafka Streams' TopologyTestDriver
/// does): records go in, batch by batch, and the store's state and the dead letters come out.
/// </summary>
public sealed class TopologyTestDriver
{
    private long _offset;
    private DateTimeOffset _clock = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public TopologyTestDriver(int cacheCapacity = 1_000)
    {
        Topology = TestTopology.Runner(Store, cacheCapacity);
        Decoder = new RecordDecoder(Store);
    }

    public InMemoryProfileStore Store { get; } = new();

    public StageRunner Topology { get; }

    /// <summary>Decode and validate, with their caches of tenants and keys, for the driver's life.</summary>
    public RecordDecoder Decoder { get; }

    /// <summary>Runs records as one batch.</summary>
    public Task<BatchResult> RunAsync(params RawRecord[] records) => Topology.RunAsync(Decoder, records);

    public List<DeadLetter> DeadLetters { get; } = [];

    /// <summary>Runs the envelopes as one batch (as one partition's worker would).</summary>
    public async Task<BatchResult> PipeAsync(params EventEnvelope[] envelopes) =>
        await PipeRawAsync([.. envelopes.Select(e => EventEnvelopeSerializer.Serialize(e))]);

    public async Task<BatchResult> PipeRawAsync(params byte[]?[] values)
    {
        var records = values.Select(v => TestRecords.Raw(v, _offset++)).ToList();
        var result = await Topology.RunAsync(Decoder, records);
        DeadLetters.AddRange(result.DeadLetters);
        return result;
    }

    public EventEnvelope Track(string? userId, string? anonymousId, string name = "Product Viewed", string? properties = null) =>
        Envelope(EventTypes.Track, userId, anonymousId) with { Event = name, Properties = Json(properties) };

    public EventEnvelope Identify(string? userId, string? anonymousId, string traits) =>
        Envelope(EventTypes.Identify, userId, anonymousId) with { Traits = Json(traits) };

    public EventEnvelope Alias(string previousId, string userId) =>
        Envelope(EventTypes.Alias, userId, null) with { PreviousId = previousId };

    public EventEnvelope Envelope(string type, string? userId, string? anonymousId)
    {
        _clock = _clock.AddSeconds(1);
        return new EventEnvelope
        {
            Tenant = "acme",
            MessageId = Guid.NewGuid().ToString(),
            Type = type,
            UserId = userId,
            AnonymousId = anonymousId,
            Timestamp = _clock,
            ReceivedAt = _clock,
        };
    }

    private static JsonElement? Json(string? text) => text is null ? null : JsonDocument.Parse(text).RootElement.Clone();
}
