using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Ingest.Tenants;
using Streaming.Ingest.Tests.Support;
using Streaming.Ingest.Tests.Tracking;
using Streaming.TestSupport;

namespace Streaming.Ingest.Tests.Security;

/// <summary>A request Kafka did not acknowledge costs the tenant nothing of its rate limit.</summary>
public sealed class ProduceFailureTests(ShortAckTimeoutHost host) : IClassFixture<ShortAckTimeoutHost>
{
    [Fact]
    public async Task Tokens_are_given_back_when_producing_fails_so_the_retry_fits()
    {
        const string tenant = "retryco";
        const string key = "wk_retryco";
        await TenantAdmin.CreateTenantAsync(host.Database.DataSource, tenant, "Retry Co", default);
        await TenantAdmin.AddWriteKeyAsync(host.Database.DataSource, tenant, key, default);
        // A burst of exactly one batch, refilled at one event per minute: without the refund the
        // retry would wait ten minutes.
        await TenantAdmin.SetRateLimitAsync(host.Database.DataSource, tenant, 1, 10, default);
        await host.Services.GetRequiredService<WriteKeyCache>().RefreshAsync(default);
        var batch = EdgeAuthenticationTests.Batch(10);

        host.Broker.SetBrokerDown(1);
        try
        {
            using var refused = await host.Http.SendAsync(Requests.Post("/v1/batch", batch, key));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
        finally
        {
            host.Broker.SetBrokerUp(1);
        }

        HttpStatusCode status = default;
        await Eventually.Until(async () =>
        {
            using var retry = await host.Http.SendAsync(Requests.Post("/v1/batch", batch, key));
            status = retry.StatusCode;
            return status != HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(60), "the broker back");
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
