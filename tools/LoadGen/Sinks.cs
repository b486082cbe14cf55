using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;

namespace Streaming.LoadGen;

internal interface ISink : IAsyncDisposable
{
    string Target { get; }

    long Accepted { get; }

    long Refused { get; }

    Task SendAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken);

    Task FlushAsync(CancellationToken cancellationToken);
}

/// <summary>Straight to <c>cdp.events</c>, as a direct producer: the shared envelope, key and write-key header.</summary>
internal sealed class KafkaSink(string bootstrap, string writeKey) : ISink
{
    private readonly IProducer<byte[], byte[]> _producer =
        new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(bootstrap, "cdp-loadgen")).Build();
    private readonly byte[] _writeKey = Encoding.UTF8.GetBytes(writeKey);
    private long _accepted;
    private long _refused;

    public string Target => $"Kafka {bootstrap} ({Topics.Events.Name})";

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Refused => Interlocked.Read(ref _refused);

    public Task SendAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        foreach (var envelope in events)
        {
            var message = new Message<byte[], byte[]>
            {
                Key = EventKey.For(envelope),
                Value = EventEnvelopeSerializer.Serialize(envelope),
                Headers = new Headers
                {
                    { EventHeaders.WriteKey, _writeKey },
                    { EventHeaders.CeId, Encoding.UTF8.GetBytes(envelope.MessageId) },
                },
            };
            _producer.Produce(Topics.Events.Name, message, report =>
                Interlocked.Increment(ref report.Error.IsError ? ref _refused : ref _accepted));
        }

        _producer.Poll(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        _producer.Flush(cancellationToken);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _producer.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Through the tracking API's <c>/v1/batch</c> (HTTP Basic with the write key, as Segment clients send it).</summary>
internal sealed class HttpSink(string baseUrl, string writeKey) : ISink
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    private readonly AuthenticationHeaderValue _auth = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
    private readonly List<Task> _inFlight = [];
    private long _accepted;
    private long _refused;

    public string Target => $"{baseUrl}/v1/batch";

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Refused => Interlocked.Read(ref _refused);

    public Task SendAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        // Batches of at most 100 (Segment's clients flush at 100 or 500 KB), sent concurrently.
        for (var i = 0; i < events.Count; i += 100)
        {
            var slice = events.Skip(i).Take(100).ToList();
            _inFlight.Add(PostAsync(slice, cancellationToken));
        }

        _inFlight.RemoveAll(t => t.IsCompleted);
        return _inFlight.Count > 64 ? Task.WhenAny(_inFlight) : Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.WhenAll(_inFlight);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task PostAsync(List<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var batch = new JsonArray();
        foreach (var e in events)
        {
            var item = new JsonObject { ["type"] = e.Type, ["messageId"] = e.MessageId, ["timestamp"] = e.Timestamp };
            Add(item, "userId", e.UserId);
            Add(item, "anonymousId", e.AnonymousId);
            Add(item, "event", e.Event);
            Add(item, "name", e.Name);
            Add(item, "previousId", e.PreviousId);
            if (e.Traits is { } traits)
            {
                item["traits"] = JsonNode.Parse(traits.GetRawText());
            }

            if (e.Properties is { } properties)
            {
                item["properties"] = JsonNode.Parse(properties.GetRawText());
            }

            batch.Add(item);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch")
        {
            Content = new StringContent(new JsonObject { ["batch"] = batch }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = _auth;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            Interlocked.Add(ref response.IsSuccessStatusCode ? ref _accepted : ref _refused, events.Count);
        }
        catch (HttpRequestException)
        {
            Interlocked.Add(ref _refused, events.Count);
        }
    }

    private static void Add(JsonObject item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = value;
        }
    }
}
