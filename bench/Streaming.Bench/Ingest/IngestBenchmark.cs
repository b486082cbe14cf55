using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Streaming.TestSupport;
using Streaming.Ingest;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Embedded;
using Streaming.Platform.Postgres;

namespace Streaming.Bench.Ingest;

/// <summary>
/// The tracking API under load from wrk (another process, loopback): events/s through
/// <c>/v1/batch</c> with 100-event bodies, requests/s and p99 through <c>/v1/track</c>, and in the
/// same run a bare Kestrel endpoint that reads the same track body and answers 200.
/// Ingest runs alone (no processors) against the embedded broker, acks=all, as in production.
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    private const string WriteKey = "wk_bench";
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(6);
    private const int Rounds = 2;
    private const int BatchConnections = 16;

    // Tracking traffic is many clients; /v1/track waits for Kafka's acknowledgement, so its rate
    // is bound by concurrency / ack latency. The bare endpoint gets the same connections.
    private const int Connections = 100;

    public string Name => "ingest";

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var broker = new EmbeddedKafkaBroker(1, Topics.All);
        using var load = new WrkLoad();
        await using var ingest = new Running(await StartIngestAsync(database.ConnectionString, broker.BootstrapServers, cancellationToken));
        await using var bare = new Running(await StartBareAsync(cancellationToken));
        var ingestUrl = ingest.App.Urls.Single();
        var bareUrl = bare.App.Urls.Single();
        var auth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(WriteKey + ":"));
        var track = Payloads.Track();
        var batch = Payloads.Batch(100);

        await load.RunAsync(new Uri(ingestUrl + "/v1/track"), track, auth, Connections, Warmup, cancellationToken);
        await load.RunAsync(new Uri(ingestUrl + "/v1/batch"), batch, auth, BatchConnections, Warmup, cancellationToken);
        await load.RunAsync(new Uri(bareUrl + "/bare"), track, auth, Connections, Warmup, cancellationToken);

        // Alternating rounds, so load from other processes on the machine hits subject and reference alike.
        var bareTrack = new List<LoadResult>();
        var ours = new List<LoadResult>();
        var bareBatch = new List<LoadResult>();
        var batches = new List<LoadResult>();
        for (var round = 0; round < Rounds; round++)
        {
            bareTrack.Add(Check(await load.RunAsync(new Uri(bareUrl + "/bare"), track, auth, Connections, Measure, cancellationToken), "bare"));
            ours.Add(Check(await load.RunAsync(new Uri(ingestUrl + "/v1/track"), track, auth, Connections, Measure, cancellationToken), "/v1/track"));
            bareBatch.Add(Check(await load.RunAsync(new Uri(bareUrl + "/bare"), batch, auth, BatchConnections, Measure, cancellationToken), "bare batch"));
            batches.Add(Check(await load.RunAsync(new Uri(ingestUrl + "/v1/batch"), batch, auth, BatchConnections, Measure, cancellationToken), "/v1/batch"));
        }

        var trackRate = Rate(ours);
        var bareRate = Rate(bareTrack);
        return new BenchReport(Name)
            .Add("batch_events_per_s", Rate(batches) * 100, "events/s", ">= 150000")
            .Add("batch_requests_per_s", Rate(batches), "requests/s")
            .Add("bare_batch_requests_per_s", Rate(bareBatch), "requests/s")
            .Add("batch_vs_bare_ratio", Rate(batches) / Rate(bareBatch), "ratio")
            .Add("batch_body_bytes", Encoding.UTF8.GetByteCount(batch), "bytes")
            .Add("track_requests_per_s", trackRate, "requests/s")
            .Add("track_p99_ms", ours.Max(r => r.P99Ms), "ms")
            .Add("bare_requests_per_s", bareRate, "requests/s")
            .Add("bare_p99_ms", bareTrack.Max(r => r.P99Ms), "ms")
            .Add("track_vs_bare_ratio", trackRate / bareRate, "ratio", ">= 0.5");
    }

    private static double Rate(List<LoadResult> runs) => runs.Sum(r => r.Requests) / runs.Sum(r => r.Seconds);

    private static LoadResult Check(LoadResult result, string what) =>
        result.Non2xx == 0 && result.SocketErrors == 0 && result.Requests > 0
            ? result
            : throw new InvalidOperationException($"{what}: {result.Non2xx} non-2xx answers and {result.SocketErrors} socket errors in {result.Requests} requests");

    private static async Task<WebApplication> StartIngestAsync(string connectionString, string bootstrap, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        Quiet(builder);
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Kafka:BootstrapServers"] = bootstrap,
            ["Ingest:DemoTenant"] = "bench",
            ["Ingest:DemoWriteKey"] = WriteKey,
        });
        builder.AddIngest();
        var app = builder.Build();
        app.MapIngest();
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>The reference: Kestrel reading the whole body and answering what ingest answers, nothing else.</summary>
    private static async Task<WebApplication> StartBareAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        Quiet(builder);
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        var app = builder.Build();
        var success = """{"success":true}"""u8.ToArray();
        app.MapPost("/bare", async context =>
        {
            var reader = context.Request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync(context.RequestAborted);
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = success.Length;
            await context.Response.Body.WriteAsync(success, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static void Quiet(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole();
    }

    /// <summary>Stops (so background services end cleanly) and then disposes an app.</summary>
    private sealed class Running(WebApplication app) : IAsyncDisposable
    {
        public WebApplication App { get; } = app;

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
