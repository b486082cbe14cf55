using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streaming.Ingest;
using Streaming.Ingest.Tenants;
using Streaming.Platform.Hosting;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Embedded;
using Streaming.TestSupport;

namespace Streaming.Ingest.Tests.Support;

/// <summary>
/// The ingest role over real Kestrel on a loopback port, with its own embedded Kafka broker and
/// throwaway database, one tenant ("acme") and its write key. Shared by the tests of one class.
/// </summary>
public class IngestHost : IAsyncLifetime
{
    public const string Tenant = "acme";
    public const string WriteKey = "wk_acme_test";
    public const string EmailSecret = "test-email-secret-0123456789-0123456789";

    private WebApplication? _app;

    public EmbeddedKafkaBroker Broker { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra configuration a test class needs (e.g. a short ack timeout).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Broker = new EmbeddedKafkaBroker(1, Topics.All);
        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.WebHost.UseUrls(BaseAddress.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = Database.ConnectionString,
            ["Kafka:BootstrapServers"] = Broker.BootstrapServers,
            ["Ingest:EmailTokenSecret"] = EmailSecret,
            ["Ingest:KeyRefreshInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIngest();
        _app = builder.Build();
        _app.MapPlatformEndpoints();
        _app.MapIngest();
        await _app.StartAsync();

        await TenantAdmin.CreateTenantAsync(Database.DataSource, Tenant, "Acme", default);
        await TenantAdmin.AddWriteKeyAsync(Database.DataSource, Tenant, WriteKey, default);
        await Services.GetRequiredService<WriteKeyCache>().RefreshAsync(default);

        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Broker?.Dispose();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    /// <summary>How many records the events topic holds (sum of high watermarks).</summary>
    public long RecordCount()
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            GroupId = "watermarks-" + Guid.NewGuid().ToString("N"),
        }).Build();
        long total = 0;
        for (var p = 0; p < Topics.Events.Partitions; p++)
        {
            total += consumer.QueryWatermarkOffsets(new TopicPartition(Topics.Events.Name, p), TimeSpan.FromSeconds(10)).High.Value;
        }

        return total;
    }

    /// <summary>Every record on the events topic, read from the beginning until <paramref name="expected"/> arrived.</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadRecords(long expected, TimeSpan? timeout = null)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(Enumerable.Range(0, Topics.Events.Partitions)
            .Select(p => new TopicPartitionOffset(Topics.Events.Name, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                records.Add(result);
            }
        }

        return records;
    }
}
