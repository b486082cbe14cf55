using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Embedded;
using Streaming.TestSupport;

namespace Streaming.Processors.Tests.Delivery;

/// <summary>A throwaway database and embedded broker, plus what the delivery tests do with them.</summary>
public sealed class PipelineRig : IAsyncDisposable
{
    public const string Tenant = "acme";

    /// <summary>The write key of <see cref="Tenant"/> that records produced straight to Kafka carry.</summary>
    public const string WriteKey = "wk_acme_rig";

    private PipelineRig(TestDatabase database, EmbeddedKafkaBroker broker)
    {
        Database = database;
        Broker = broker;
    }

    public TestDatabase Database { get; }

    public EmbeddedKafkaBroker Broker { get; }

    public static async Task<PipelineRig> CreateAsync() =>
        new(await TestDatabase.CreateAsync(), new EmbeddedKafkaBroker(1, Topics.All));

    /// <summary>Environment of a processors process pointed at this rig.</summary>
    public Dictionary<string, string> Settings(string url) => new()
    {
        ["Kafka__BootstrapServers"] = Broker.BootstrapServers,
        ["ConnectionStrings__Postgres"] = Database.ConnectionString,
        ["Urls"] = url,
        ["Processors__SessionTimeoutMs"] = "6000",
        // The rig's broker is embedded but outside the processors' process: measure lag anyway.
        ["Kafka__Backpressure__EnabledOnExternalCluster"] = "true",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>The processors role in this process (Kestrel on loopback), schema migrated, tenant created.</summary>
    public async Task<WebApplication> StartInProcessAsync(string url)
    {
        var args = Settings(url).Select(kv => $"--{kv.Key.Replace("__", ":", StringComparison.Ordinal)}={kv.Value}").ToArray();
        var builder = WebApplication.CreateBuilder(args);
        builder.AddProcessors();
        var app = builder.Build();
        app.MapProcessors();
        await app.StartAsync();
        await EnsureTenantAsync();
        return app;
    }

    public async Task EnsureTenantAsync()
    {
        await Eventually.Until(async () =>
        {
            try
            {
                await using var command = Database.DataSource.CreateCommand(
                    $"insert into cdp.tenants (id, name) values ('{Tenant}', 'Acme') on conflict do nothing; "
                    + $"insert into cdp.write_keys (key, tenant_id) values ('{WriteKey}', '{Tenant}') on conflict do nothing");
                await command.ExecuteNonQueryAsync();
                return true;
            }
            catch (PostgresException ex) when (ex.SqlState == "42P01")
            {
                return false; // schema not migrated yet
            }
        }, TimeSpan.FromSeconds(60), "the schema to exist");
    }

    public IProducer<byte[], byte[]> CreateProducer() =>
        new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(Broker.BootstrapServers, "test-producer")).Build();

    public static Message<byte[], byte[]> ToMessage(EventEnvelope envelope) => new()
    {
        Key = EventKey.For(envelope),
        Value = EventEnvelopeSerializer.Serialize(envelope),
        Headers = new Headers
        {
            { EventHeaders.WriteKey, Encoding.UTF8.GetBytes(WriteKey) },
            { EventHeaders.CeId, Encoding.UTF8.GetBytes(envelope.MessageId) },
        },
    };

    /// <summary>How many records the events topic holds (sum of high watermarks), duplicates included.</summary>
    public long EventRecordCount()
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            GroupId = "watermarks-" + Guid.NewGuid().ToString("N"),
        }).Build();
        return Enumerable.Range(0, Topics.Events.Partitions)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(Topics.Events.Name, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Broker.Dispose();
        await Database.DisposeAsync();
    }
}
