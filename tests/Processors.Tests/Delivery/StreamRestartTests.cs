using System.Net;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using Streaming.Platform.Hosting;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Embedded;
using Streaming.TestSupport;

namespace Streaming.Processors.Tests.Delivery;

/// <summary>A fault (PostgreSQL down) stops the stream visibly and it restarts by itself, losing and doubling nothing.</summary>
public sealed class StreamRestartTests
{
    [Fact]
    public async Task While_the_database_is_down_readyz_names_the_stopped_stream_and_after_it_returns_every_event_is_stored_once()
    {
        await using var server = await PrivatePostgresServer.StartAsync();
        using var broker = new EmbeddedKafkaBroker(1, Topics.All);
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateBuilder(
        [
            $"--Kafka:BootstrapServers={broker.BootstrapServers}",
            $"--ConnectionStrings:Postgres={server.ConnectionString}",
            $"--Urls={url}",
            "--Processors:SessionTimeoutMs=6000",
            "--Processors:RestartMinBackoffMs=100",
            "--Processors:RestartMaxBackoffMs=1000",
            "--Logging:LogLevel:Default=Warning",
        ]);
        builder.AddProcessors();
        await using var app = builder.Build();
        app.MapPlatformEndpoints();
        await app.StartAsync();
        await using var data = NpgsqlDataSource.Create(server.ConnectionString);
        await Eventually.Until(async () =>
        {
            try
            {
                await using var tenant = data.CreateCommand(
                    "insert into cdp.tenants (id, name) values ('acme', 'Acme') on conflict do nothing; "
                    + $"insert into cdp.write_keys (key, tenant_id) values ('{PipelineRig.WriteKey}', 'acme') on conflict do nothing");
                await tenant.ExecuteNonQueryAsync();
                return true;
            }
            catch (PostgresException ex) when (ex.SqlState == "42P01")
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the schema to exist");
        using var producer = new Confluent.Kafka.ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(broker.BootstrapServers, "test-producer")).Build();
        var workload = new Workload(users: 50, seed: 7);
        void Produce(int count)
        {
            for (var i = 0; i < count; i++)
            {
                producer.Produce(Topics.Events.Name, PipelineRig.ToMessage(workload.Next()));
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        Produce(300);
        await Eventually.Until(async () => await CountAsync(data) == 300, TimeSpan.FromSeconds(60), "the first 300 events stored");

        await server.StopAsync();
        Produce(300);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        await Eventually.Until(async () =>
        {
            using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            var body = await ready.Content.ReadAsStringAsync();
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("stream stopped, restarting", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60), "/readyz to name the stopped stream");

        await server.StartAgainAsync();
        await Eventually.Until(async () => await CountAsync(data) == 600, TimeSpan.FromSeconds(90), "all 600 events stored after the restart");
        await Eventually.Until(async () =>
        {
            using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            return ready.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60), "/readyz healthy again");
        Assert.Equal(600, await ScalarAsync(data, "select count(distinct message_id) from cdp.profile_timeline"));
        Assert.Equal(600, await ScalarAsync(data,
            "select count(*) from cdp.events where type in ('profile.activity_recorded', 'profile.identified', 'profile.aliased')"));
        await app.StopAsync();
    }

    private static async Task<long> CountAsync(NpgsqlDataSource data)
    {
        try
        {
            return await ScalarAsync(data, "select count(*) from cdp.profile_timeline");
        }
        catch (NpgsqlException)
        {
            return -1;
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
