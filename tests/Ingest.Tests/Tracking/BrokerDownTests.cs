using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Streaming.Ingest.Tests.Support;
using Streaming.Platform.Contracts;
using Streaming.TestSupport;

namespace Streaming.Ingest.Tests.Tracking;

/// <summary>An ingest host that gives Kafka 3 s to acknowledge before answering 503.</summary>
public sealed class ShortAckTimeoutHost : IngestHost
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Ingest:AckTimeout", "00:00:03")];
}

/// <summary>Fault injection: the embedded broker goes down and comes back.</summary>
public sealed class BrokerDownTests(ShortAckTimeoutHost host) : IClassFixture<ShortAckTimeoutHost>
{
    [Fact]
    public async Task With_the_broker_down_requests_get_503_and_nothing_acknowledged_is_lost()
    {
        var acknowledged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var (status, ids, _) = await SendBatchAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            acknowledged.AddRange(ids);
        }

        host.Broker.SetBrokerDown(1);
        var refused = new List<string>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                var (status, ids, response) = await SendBatchAsync();
                if (status == HttpStatusCode.OK)
                {
                    // Acknowledged in the instant before the broker went away: it must survive too.
                    acknowledged.AddRange(ids);
                    continue;
                }

                Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "503 must come within a bound, not after the producer's message timeout");
                Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
                refused.Add(response.Body);
            }

            Assert.NotEmpty(refused);
        }
        finally
        {
            host.Broker.SetBrokerUp(1);
        }

        // The client retries what was refused, with the same messageIds, until it is accepted.
        foreach (var body in refused)
        {
            var accepted = false;
            await Eventually.Until(async () =>
            {
                using var retry = await host.Http.SendAsync(Requests.Post("/v1/batch", body));
                accepted = retry.StatusCode == HttpStatusCode.OK;
                return accepted;
            }, TimeSpan.FromSeconds(60), "a retried batch to be accepted once the broker is back");
            acknowledged.AddRange(IdsOf(body));
        }

        var onKafka = new HashSet<string>();
        await Eventually.Until(() =>
        {
            foreach (var record in host.ReadRecords(host.RecordCount(), TimeSpan.FromSeconds(20)))
            {
                onKafka.Add(EventEnvelopeSerializer.Deserialize(record.Message.Value).MessageId);
            }

            return acknowledged.All(onKafka.Contains);
        }, TimeSpan.FromSeconds(60), "every acknowledged event on the topic");
        Assert.Subset(onKafka, acknowledged.ToHashSet());
    }

    private async Task<(HttpStatusCode Status, List<string> Ids, (string Body, System.Net.Http.Headers.HttpResponseHeaders Headers) Response)> SendBatchAsync()
    {
        var ids = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid().ToString()).ToList();
        var body = "{\"batch\":[" + string.Join(",", ids.Select(id => $$"""{"type":"track","userId":"u-{{id[..4]}}","event":"E","messageId":"{{id}}"}""")) + "]}";
        using var response = await host.Http.SendAsync(Requests.Post("/v1/batch", body));
        return (response.StatusCode, ids, (body, response.Headers));
    }

    private static List<string> IdsOf(string body)
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(body));
        return document.RootElement.GetProperty("batch").EnumerateArray().Select(e => e.GetProperty("messageId").GetString()!).ToList();
    }
}
