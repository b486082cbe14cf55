using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Streaming.Ingest.Tests.Support;
using Streaming.Platform.Contracts;
using Streaming.TestSupport;

namespace Streaming.Ingest.Tests.Tracking;

/// <summary>The real npm client, @segment/analytics-node, pointed at our edge: nothing to change on the client side.</summary>
public sealed class SegmentClientTests(IngestHost host) : IClassFixture<IngestHost>
{
    [Fact]
    public async Task Analytics_node_calls_and_a_1000_event_batch_arrive_on_kafka_with_fields_intact()
    {
        var runId = Guid.NewGuid().ToString("N")[..10];
        var output = await RunClientAsync(host.BaseAddress.ToString().TrimEnd('/'), IngestHost.WriteKey, runId);
        using var result = JsonDocument.Parse(output);
        Assert.Empty(result.RootElement.GetProperty("errors").EnumerateArray());
        Assert.NotEmpty(result.RootElement.GetProperty("statuses").EnumerateArray());
        Assert.All(result.RootElement.GetProperty("statuses").EnumerateArray(), s => Assert.Equal((int)HttpStatusCode.OK, s.GetInt32()));

        var sent = result.RootElement.GetProperty("requests").EnumerateArray()
            .SelectMany(r => r.GetProperty("batch").EnumerateArray().Select(e => (Event: e, SentAt: r.GetProperty("sentAt").GetDateTimeOffset())))
            .ToList();
        Assert.Equal(1000, sent.Count);
        Assert.Contains(result.RootElement.GetProperty("requests").EnumerateArray(), r => r.GetProperty("batch").GetArrayLength() == 1000);

        var records = host.ReadRecords(host.RecordCount())
            .Select(r => EventEnvelopeSerializer.Deserialize(r.Message.Value))
            .ToDictionary(e => e.MessageId);
        foreach (var (item, sentAt) in sent)
        {
            var messageId = item.GetProperty("messageId").GetString()!;
            Assert.True(records.TryGetValue(messageId, out var envelope), "missing on Kafka: " + messageId);
            Assert.Equal(IngestHost.Tenant, envelope.Tenant);
            Assert.Equal(item.GetProperty("type").GetString(), envelope.Type);
            Assert.Equal(Text(item, "userId"), envelope.UserId);
            Assert.Equal(Text(item, "anonymousId"), envelope.AnonymousId);
            Assert.Equal(Text(item, "event"), envelope.Event);
            Assert.Equal(Text(item, "name"), envelope.Name);
            Assert.Equal(Text(item, "category"), envelope.Category);
            Assert.Equal(Text(item, "groupId"), envelope.GroupId);
            Assert.Equal(Text(item, "previousId"), envelope.PreviousId);
            AssertSameJson(item, "traits", envelope.Traits);
            AssertSameJson(item, "properties", envelope.Properties);
            AssertSameJson(item, "context", envelope.Context);
            Assert.Equal(item.GetProperty("timestamp").GetDateTimeOffset(), envelope.OriginalTimestamp);
            Assert.Equal(sentAt, envelope.SentAt);
            Assert.Equal(envelope.ReceivedAt - (sentAt - envelope.OriginalTimestamp!.Value), envelope.Timestamp);
        }

        var types = sent.Select(s => s.Event.GetProperty("type").GetString()).ToHashSet();
        Assert.Equal(["alias", "group", "identify", "page", "screen", "track"], types.Order(StringComparer.Ordinal));
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static void AssertSameJson(JsonElement item, string name, JsonElement? actual)
    {
        if (!item.TryGetProperty(name, out var expected))
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), JsonNode.Parse(actual.Value.GetRawText())), $"{name} differs: {expected.GetRawText()} vs {actual.Value.GetRawText()}");
    }

    private static async Task<string> RunClientAsync(string host, string writeKey, string runId)
    {
        var script = Path.Combine(RepositoryRoot.Path, "tests", "node", "ingest", "analytics-node-client.mjs");
        var start = new ProcessStartInfo("node", [script, host, writeKey, runId])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(RepositoryRoot.Path, "tests", "node"),
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("analytics-node did not finish: " + await stderr);
        }

        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
