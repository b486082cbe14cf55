using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Ingest.Tenants;
using Streaming.Ingest.Tests.Support;
using Streaming.Platform.Contracts;

namespace Streaming.Ingest.Tests.Security;

/// <summary>The edge refuses unauthenticated and hopeless requests before they cost anything.</summary>
public sealed class EdgeAuthenticationTests(IngestHost host) : IClassFixture<IngestHost>
{
    [Fact]
    public async Task A_request_without_a_header_key_or_a_small_declared_length_is_refused_before_its_body_is_read()
    {
        var before = host.RecordCount();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/track")
        {
            // Streamed: no Content-Length, as a client sending an endless body would.
            Content = new PushStreamContent("""{"writeKey":"wk_acme_test","userId":"u","event":"E"}"""),
        };
        using var response = await host.Http.SendAsync(request);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("writeKey", error.RootElement.GetProperty("field").GetString());
        Assert.Contains("Authorization header", error.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.RecordCount());
    }

    [Fact]
    public async Task A_body_write_key_in_a_small_body_still_works()
    {
        using var response = await host.Http.SendAsync(Requests.Post("/v1/track", """{"writeKey":"wk_acme_test","userId":"u","event":"E"}""", writeKey: null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_batch_bigger_than_the_tenants_burst_gets_413_not_an_endless_429_and_nothing_is_produced()
    {
        const string tenant = "burstco";
        const string key = "wk_burstco";
        await TenantAdmin.CreateTenantAsync(host.Database.DataSource, tenant, "Burst Co", default);
        await TenantAdmin.AddWriteKeyAsync(host.Database.DataSource, tenant, key, default);
        await TenantAdmin.SetRateLimitAsync(host.Database.DataSource, tenant, 100, 5, default);
        await host.Services.GetRequiredService<WriteKeyCache>().RefreshAsync(default);
        var before = host.RecordCount();

        using var tooBig = await host.Http.SendAsync(Requests.Post("/v1/batch", Batch(6), key));
        using var error = JsonDocument.Parse(await tooBig.Content.ReadAsStringAsync());
        using var fits = await host.Http.SendAsync(Requests.Post("/v1/batch", Batch(5), key));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("exceeds_burst", error.RootElement.GetProperty("error").GetString());
        Assert.Equal("batch", error.RootElement.GetProperty("field").GetString());
        Assert.False(tooBig.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(before + 5, host.RecordCount());
    }

    [Fact]
    public async Task Records_the_edge_produces_carry_the_write_key_of_the_envelopes_tenant()
    {
        var messageId = Guid.NewGuid().ToString();
        using var response = await host.Http.SendAsync(Requests.Post("/v1/track", $$"""{"userId":"carol","event":"E","messageId":"{{messageId}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var record = host.ReadRecords(host.RecordCount()).Single(r => Encoding.UTF8.GetString(r.Message.Value).Contains(messageId, StringComparison.Ordinal));
        Assert.Equal(IngestHost.WriteKey, Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(EventHeaders.WriteKey)));
        Assert.StartsWith(IngestHost.Tenant + "/", Encoding.UTF8.GetString(record.Message.Key), StringComparison.Ordinal);
    }

    internal static string Batch(int events) =>
        "{\"batch\":[" + string.Join(",", Enumerable.Range(0, events).Select(i => $$"""{"type":"track","userId":"u{{i}}","event":"E"}""")) + "]}";

    /// <summary>A body sent chunked, without a Content-Length.</summary>
    private sealed class PushStreamContent(string json) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(json)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>An ingest host that allows three failed authentications per minute and address.</summary>
public sealed class StrictAuthHost : IngestHost
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Security:AuthFailuresPerMinute", "3")];
}

public sealed class FailedAuthFloodTests(StrictAuthHost host) : IClassFixture<StrictAuthHost>
{
    [Fact]
    public async Task An_address_that_keeps_sending_unknown_keys_gets_429_before_its_key_is_looked_up()
    {
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await host.Http.SendAsync(Requests.Post("/v1/track", """{"userId":"u","event":"E"}""", "wk_guess_" + i));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var before = host.RecordCount();
        using var limited = await host.Http.SendAsync(Requests.Post("/v1/track", """{"userId":"u","event":"E"}""", IngestHost.WriteKey));
        using var error = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("too_many_failed_authentications", error.RootElement.GetProperty("error").GetString());
        Assert.Equal(before, host.RecordCount());
    }
}
