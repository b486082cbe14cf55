using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Streaming.Ingest;
using Streaming.Ingest.Tenants;
using Streaming.TestSupport;

namespace Streaming.Processors.Tests.Delivery;

/// <summary>
/// The real ingest role in this process (Kestrel on a loopback port), producing to the rig's
/// embedded broker, with the rig's tenant and a write key for it: what tracking clients talk to.
/// </summary>
public sealed class IngestEdge : IAsyncDisposable
{
    public const string WriteKey = "wk_acme_delivery";

    private readonly WebApplication _app;

    private IngestEdge(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts ingest (which migrates the schema), creates the tenant and its write key, and waits until ingest accepts the key.</summary>
    public static async Task<IngestEdge> StartAsync(PipelineRig rig)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls(baseAddress.ToString());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = rig.Database.ConnectionString,
            ["Kafka:BootstrapServers"] = rig.Broker.BootstrapServers,
            // The rig's broker is embedded but not ingest's own: keep the 503 backpressure that
            // stops the in-memory broker from dropping records the processors still need.
            ["Kafka:Backpressure:EnabledOnExternalCluster"] = "true",
            ["Ingest:KeyRefreshInterval"] = "00:00:00.200",
            // The appsettings.json copied into the test output would log at Information.
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddIngest();
        var app = builder.Build();
        app.MapIngest();
        await app.StartAsync();

        var edge = new IngestEdge(app, baseAddress);
        try
        {
            await TenantAdmin.CreateTenantAsync(rig.Database.DataSource, PipelineRig.Tenant, "Acme", default);
            await TenantAdmin.AddWriteKeyAsync(rig.Database.DataSource, PipelineRig.Tenant, WriteKey, default);
            await edge.WaitForWriteKeyAsync();
            return edge;
        }
        catch
        {
            await edge.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>An empty batch is answered 200 once the key cache holds the key (401 before).</summary>
    private async Task WaitForWriteKeyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var client = new SegmentBatchClient(http, WriteKey);
        await Eventually.Until(async () => await client.ProbeAsync(), TimeSpan.FromSeconds(30), "ingest to accept the write key");
    }
}
