using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Ingest.Tenants;
using Streaming.Ingest.Tests.Support;

namespace Streaming.Ingest.Tests.Tracking;

public sealed class RateLimitTests(IngestHost host) : IClassFixture<IngestHost>
{
    [Fact]
    public async Task A_tenant_over_its_limit_gets_429_with_retry_after_and_nothing_is_produced()
    {
        const string tenant = "slowco";
        const string key = "wk_slowco";
        await TenantAdmin.CreateTenantAsync(host.Database.DataSource, tenant, "Slow Co", default);
        await TenantAdmin.AddWriteKeyAsync(host.Database.DataSource, tenant, key, default);
        // One event per second with a burst of 1,000: a second 600-event batch cannot fit for 200 s.
        await TenantAdmin.SetRateLimitAsync(host.Database.DataSource, tenant, 1, 1000, default);
        await host.Services.GetRequiredService<WriteKeyCache>().RefreshAsync(default);

        var items = string.Join(",", Enumerable.Range(0, 600).Select(i => $$"""{"type":"track","userId":"u{{i}}","event":"E"}"""));
        using (var first = await host.Http.SendAsync(Requests.Post("/v1/batch", $$"""{"batch":[{{items}}]}""", key)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var before = host.RecordCount();
        using var refused = await host.Http.SendAsync(Requests.Post("/v1/batch", $$"""{"batch":[{{items}}]}""", key));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After: " + refused.Headers.RetryAfter);
        Assert.Equal("1", refused.Headers.GetValues("RateLimit-Limit").Single());
        Assert.InRange(int.Parse(refused.Headers.GetValues("RateLimit-Remaining").Single()), 400, 599);
        Assert.True(int.Parse(refused.Headers.GetValues("RateLimit-Reset").Single()) >= 1);
        Assert.Equal(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Headers.GetValues("RateLimit-Reset").Single());
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("rate_limited", error.RootElement.GetProperty("error").GetString());
        Assert.Equal(before, host.RecordCount());

        // Another tenant is not affected by this one's limit.
        using var other = await host.Http.SendAsync(Requests.Post("/v1/track", """{"userId":"u1","event":"E"}"""));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
