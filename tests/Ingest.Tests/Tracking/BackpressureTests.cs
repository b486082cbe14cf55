using System.Net;
using System.Text.Json;
using Streaming.Ingest.Tests.Support;
using Streaming.TestSupport;

namespace Streaming.Ingest.Tests.Tracking;

/// <summary>An ingest host whose lag monitor throttles at 100 unprocessed records per partition (no processors run here).</summary>
public sealed class LowLagLimitHost : IngestHost
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Kafka:Backpressure:EnabledOnExternalCluster", "true"),
        new("Kafka:Backpressure:MaxLagPerPartition", "100"),
        new("Kafka:Backpressure:PollIntervalMs", "100"),
    ];
}

public sealed class BackpressureTests(LowLagLimitHost host) : IClassFixture<LowLagLimitHost>
{
    [Fact]
    public async Task While_the_processors_lag_too_far_requests_get_503_and_produce_nothing()
    {
        // 150 events of one user land on one partition that no consumer group reads.
        var items = string.Join(",", Enumerable.Range(0, 150).Select(_ => """{"type":"track","userId":"same-user","event":"E"}"""));
        using (var first = await host.Http.SendAsync(Requests.Post("/v1/batch", $$"""{"batch":[{{items}}]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        HttpResponseMessage? refused = null;
        long before = 0;
        await Eventually.Until(async () =>
        {
            refused?.Dispose();
            before = host.RecordCount();
            refused = await host.Http.SendAsync(Requests.Post("/v1/track", """{"userId":"other-user","event":"E"}"""));
            return refused.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(30), "ingest to throttle");

        using (refused)
        {
            Assert.Equal("1", refused!.Headers.GetValues("Retry-After").Single());
            using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("overloaded", error.RootElement.GetProperty("error").GetString());
        }

        Assert.Equal(before, host.RecordCount());
    }
}
