using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Embedded;
using Streaming.Processors;
using Streaming.Processors.LoadGen;

using Streaming.TestSupport;

namespace Streaming.Bench.Pipeline;

/// <summary>
/// Kafka to committed store plus profile read model, against two references measured in the
/// same run over the same events: a bare consumer that only consumes and commits, and a raw
/// binary COPY of the envelopes into a bare table. Then the visible latency at a fixed
/// 5,000 events/s, from the produce acknowledgment to the row in the profile timeline.
/// </summary>
internal sealed class PipelineBenchmark : IBenchmark
{
    private const string Tenant = "bench";
    private const string WriteKey = "wk_bench";
    private static readonly byte[] WriteKeyUtf8 = System.Text.Encoding.UTF8.GetBytes(WriteKey);
    private const int Events = 120_000;
    // Long enough for the JIT to finish tiering the hot paths (it took a sixth of the CPU for the first seconds).
    private const int WarmupEvents = 100_000;
    private const int LatencyRate = 5_000;
    private static readonly TimeSpan LatencyRun = TimeSpan.FromSeconds(12);

    public string Name => "pipeline";

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var broker = new EmbeddedKafkaBroker(1, Topics.All);
        var workload = new EcommerceWorkload(Tenant, profiles: 20_000, seed: 1);
        using var applied = new AppliedCounter();
        await using var app = await StartProcessorsAsync(broker, database);
        await using (var tenant = database.DataSource.CreateCommand($"insert into cdp.tenants (id, name) values ('{Tenant}', 'Bench'); insert into cdp.write_keys (key, tenant_id) values ('{WriteKey}', '{Tenant}')"))
        {
            await tenant.ExecuteNonQueryAsync(cancellationToken);
        }

        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(broker.BootstrapServers, "bench-pipeline")).Build();

        Console.Error.WriteLine($"warm-up: {WarmupEvents} events");
        Produce(producer, workload, WarmupEvents);
        await WaitForTimelineAsync(applied, database, WarmupEvents, cancellationToken);

        Console.Error.WriteLine($"end to end: {Events} events");
        var envelopes = new List<EventEnvelope>(Events);
        var clock = Stopwatch.StartNew();
        Produce(producer, workload, Events, envelopes);
        await WaitForTimelineAsync(applied, database, WarmupEvents + Events, cancellationToken);
        var endToEnd = Events / clock.Elapsed.TotalSeconds;

        Console.Error.WriteLine("reference: bare consumer");
        var bare = BareConsume(broker);
        Console.Error.WriteLine("reference: raw binary COPY");
        var copy = await RawCopyAsync(database, envelopes, cancellationToken);

        Console.Error.WriteLine($"latency at {LatencyRate} events/s for {LatencyRun.TotalSeconds} s");
        var (p50, p99) = await LatencyAsync(producer, workload, database, cancellationToken);
        await app.StopAsync(cancellationToken);

        return new BenchReport(Name)
            .Add("end_to_end_events_per_s", endToEnd, "events/s", ">= 20,000")
            .Add("bare_consume_events_per_s", bare, "events/s")
            .Add("raw_copy_events_per_s", copy, "events/s")
            .Add("end_to_end_vs_copy_ratio", endToEnd / copy, "ratio", ">= 0.5")
            .Add("end_to_end_vs_bare_consume_ratio", endToEnd / bare, "ratio")
            .Add("visible_latency_p50_ms", p50, "ms")
            .Add("visible_latency_p99_ms", p99, "ms", "< 500");
    }

    private static async Task<WebApplication> StartProcessorsAsync(EmbeddedKafkaBroker broker, TestDatabase database)
    {
        var builder = WebApplication.CreateBuilder([
            $"--Kafka:BootstrapServers={broker.BootstrapServers}",
            $"--ConnectionStrings:Postgres={database.ConnectionString}",
            "--urls=http://127.0.0.1:0",
            // The broker is the embedded one, created here rather than by the host: what the host
            // would set for its own embedded broker (see ProcessorOptions.FetchWaitMaxMs).
            "--Processors:FetchWaitMaxMs=20",
        ]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddProcessors();
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static void Produce(IProducer<byte[], byte[]> producer, EcommerceWorkload workload, int count, List<EventEnvelope>? keep = null)
    {
        for (var i = 0; i < count; i++)
        {
            var envelope = workload.Next(DateTimeOffset.UtcNow);
            keep?.Add(envelope);
            ProduceOne(producer, envelope, null);
        }

        producer.Flush(TimeSpan.FromMinutes(1));
    }

    private static void ProduceOne(IProducer<byte[], byte[]> producer, EventEnvelope envelope, Action<DeliveryReport<byte[], byte[]>>? acked)
    {
        var message = new Message<byte[], byte[]>
        {
            Key = EventKey.For(envelope),
            Value = EventEnvelopeSerializer.Serialize(envelope),
            Headers = new Headers { { EventHeaders.WriteKey, WriteKeyUtf8 } },
        };
        while (true)
        {
            try
            {
                producer.Produce(Topics.Events.Name, message, acked);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    /// <summary>
    /// Waits until the processors report <paramref name="count"/> events applied (their counter moves
    /// after each store commit), then checks the timeline once. Polling <c>count(*)</c> meanwhile would
    /// take PostgreSQL time from the pipeline being measured.
    /// </summary>
    private static async Task WaitForTimelineAsync(AppliedCounter applied, TestDatabase database, long count, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (applied.Value < count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"the pipeline did not store {count} events within 3 minutes");
            }

            await Task.Delay(5, cancellationToken);
        }

        var stored = await database.ScalarAsync("select count(*) from cdp.profile_timeline");
        if (stored != count)
        {
            throw new InvalidOperationException($"the processors applied {applied.Value} events but the timeline holds {stored}");
        }
    }

    /// <summary>A consumer that does nothing but consume and commit: Kafka's own ceiling here.</summary>
    private static double BareConsume(EmbeddedKafkaBroker broker)
    {
        var config = KafkaClientConfigs.Consumer(broker.BootstrapServers, "bench-bare", "bench-bare");
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        // What the broker still holds (it trims a partition's oldest records beyond 5 MiB).
        var count = Enumerable.Range(0, Topics.Events.Partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(Topics.Events.Name, p), TimeSpan.FromSeconds(10)))
            .Sum(w => (int)(w.High.Value - w.Low.Value));
        consumer.Subscribe(Topics.Events.Name);
        var seen = 0;
        Stopwatch? clock = null;
        while (seen < count)
        {
            var record = consumer.Consume(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException("bare consumer starved");
            clock ??= Stopwatch.StartNew(); // from the first record: group join is not consumption
            consumer.StoreOffset(record);
            seen++;
        }

        consumer.Commit();
        var rate = (seen - 1) / clock!.Elapsed.TotalSeconds;
        consumer.Close();
        return rate;
    }

    /// <summary>The same envelopes, binary COPY into a bare table (no index): the store's physical limit.</summary>
    private static async Task<double> RawCopyAsync(TestDatabase database, List<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        await using (var create = database.DataSource.CreateCommand(
            "create table bench_raw (tenant_id text, message_id text, type text, data jsonb, occurred_at timestamptz)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var rows = envelopes.Select(e => (e, System.Text.Encoding.UTF8.GetString(EventEnvelopeSerializer.Serialize(e)))).ToList();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "copy bench_raw (tenant_id, message_id, type, data, occurred_at) from stdin (format binary)", cancellationToken))
        {
            foreach (var (e, json) in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(e.Tenant, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(e.MessageId, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(json, NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync(e.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Produces at a fixed rate; every 10th event is timed from its produce acknowledgment to the
    /// moment a poller (every 10 ms) sees its timeline row.
    /// </summary>
    private static async Task<(double P50, double P99)> LatencyAsync(
        IProducer<byte[], byte[]> producer, EcommerceWorkload workload, TestDatabase database, CancellationToken cancellationToken)
    {
        var acked = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var latencies = new List<double>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var total = (int)(LatencyRate * LatencyRun.TotalSeconds);
        var poller = Task.Run(async () =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(stop.Token);
            // One index probe per waiting id: a long id list is otherwise planned as a scan of the growing table.
            await using (var plan = new NpgsqlCommand("set enable_hashjoin = off; set enable_mergejoin = off", connection))
            {
                await plan.ExecuteNonQueryAsync(stop.Token);
            }

            await using var command = new NpgsqlCommand(
                "select t.message_id from unnest($2::text[]) u(id) join cdp.profile_timeline t on t.tenant_id = $1 and t.message_id = u.id", connection);
            var ids = new NpgsqlParameter<string[]>();
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
            command.Parameters.Add(ids);
            var measured = 0;
            while (measured < total / 10 && !stop.IsCancellationRequested)
            {
                ids.TypedValue = [.. acked.Keys];
                if (ids.TypedValue.Length > 0)
                {
                    await using var reader = await command.ExecuteReaderAsync(stop.Token);
                    var now = Stopwatch.GetTimestamp();
                    while (await reader.ReadAsync(stop.Token))
                    {
                        if (acked.TryRemove(reader.GetString(0), out var at))
                        {
                            latencies.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
                            measured++;
                        }
                    }
                }

                await Task.Delay(10, stop.Token);
            }
        }, stop.Token);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            // Pace: event i leaves at i / rate seconds.
            var due = TimeSpan.FromSeconds((double)i / LatencyRate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var envelope = workload.Next(DateTimeOffset.UtcNow);
            var timed = i % 10 == 0;
            ProduceOne(producer, envelope, timed ? report =>
            {
                if (!report.Error.IsError)
                {
                    acked[envelope.MessageId] = Stopwatch.GetTimestamp();
                }
            } : null);
            producer.Poll(TimeSpan.Zero);
        }

        producer.Flush(TimeSpan.FromMinutes(1));
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await poller;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"only {latencies.Count} of {total / 10} timed events became visible");
        }

        latencies.Sort();
        return (Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
