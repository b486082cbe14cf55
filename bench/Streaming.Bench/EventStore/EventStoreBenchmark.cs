using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Streaming.TestSupport;
using Streaming.Platform.Postgres;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Projections;
using Streaming.Projections.Daemon;
using Streaming.Projections.EventStore;
using Store = Streaming.Projections.EventStore.EventStore;

namespace Streaming.Bench.EventStore;

/// <summary>
/// The event store against raw binary COPY of the same rows into a bare table (same columns, only the
/// unique (stream, version) index) in the same run; single-append latency; daemon catch-up.
/// Runs in a database of its own, dropped at the end.
/// </summary>
internal sealed partial class EventStoreBenchmark : IBenchmark
{
    private const int Writers = 8;
    private const int EventsPerTransaction = 1_000;
    private const int StreamsPerTransaction = 50;
    private const int TransactionsPerWriter = 25;
    private const int WarmupTransactionsPerWriter = 2;
    private const int Rounds = 5;
    private const int SingleAppends = 500;

    public string Name => "eventstore";

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var database = await TestDatabase.CreateAsync();
        return await MeasureAsync(database.DataSource, cancellationToken);
    }

    private async Task<BenchReport> MeasureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(MigrationSource.Combine([MigrationSource.Platform, EventStoreSchema.Migrations]), cancellationToken);
        await ExecuteAsync(dataSource, """
            create table bench_raw (
                seq_id bigserial, id uuid not null, tenant_id text not null, stream_id text not null, version bigint not null,
                type text not null, data jsonb not null, correlation_id text, causation_id text, headers jsonb,
                timestamp timestamptz not null default now());
            create unique index bench_raw_stream_version on bench_raw (tenant_id, stream_id, version);
            create table bench_counts (tenant_id text primary key, events bigint not null);
            """, cancellationToken);

        var store = Store.Create(dataSource);
        var payloads = Payloads.Create(16);
        var data = Enumerable.Range(0, Writers)
            .Select(w => Enumerable.Range(0, WarmupTransactionsPerWriter + TransactionsPerWriter).Select(t => Transaction(w, t, payloads)).ToList())
            .ToList();

        // Warm-up: JIT, connection pools, both tables' first pages, alternating so neither side is favoured.
        await RunWritersAsync(w => data[w].Take(WarmupTransactionsPerWriter), batch => store.AppendAsync(batch, cancellationToken));
        await RunWritersAsync(w => data[w].Take(WarmupTransactionsPerWriter), batch => RawCopyAsync(dataSource, batch, cancellationToken));

        // Measured in alternating rounds (A C, C A, ...) so both sides see the same background load.
        var measured = Writers * TransactionsPerWriter * EventsPerTransaction;
        var (appendSeconds, copySeconds) = (0.0, 0.0);
        for (var round = 0; round < Rounds; round++)
        {
            var slice = TransactionsPerWriter / Rounds;
            IEnumerable<List<StreamAppend>> Work(int w) => data[w].Skip(WarmupTransactionsPerWriter + round * slice).Take(slice);
            var append = () => RunWritersAsync(Work, batch => store.AppendAsync(batch, cancellationToken));
            var copy = () => RunWritersAsync(Work, batch => RawCopyAsync(dataSource, batch, cancellationToken));
            if (round % 2 == 0)
            {
                appendSeconds += await append();
                copySeconds += await copy();
            }
            else
            {
                copySeconds += await copy();
                appendSeconds += await append();
            }
        }

        var appendRate = measured / appendSeconds;
        var copyRate = measured / copySeconds;

        var (p50, p99) = await SingleAppendLatencyAsync(store, payloads, cancellationToken);
        var catchUp = await DaemonCatchUpAsync(dataSource, cancellationToken);

        return new BenchReport(Name)
            .Add("append_events_per_s", appendRate, "events/s")
            .Add("raw_copy_events_per_s", copyRate, "events/s")
            .Add("append_vs_copy_ratio", appendRate / copyRate, "ratio", ">= 0.7")
            .Add("single_append_p50_ms", p50, "ms")
            .Add("single_append_p99_ms", p99, "ms")
            .Add("daemon_catchup_events_per_s", catchUp, "events/s", ">= 50,000");
    }

    /// <summary>1,000 events over 50 streams (20 each) of one tenant; the writer's own stream range, so versions grow.</summary>
    private static List<StreamAppend> Transaction(int writer, int number, string[] payloads) =>
    [
        .. Enumerable.Range(0, StreamsPerTransaction).Select(s => new StreamAppend(
            $"tenant-{writer % 4}",
            $"profile-{writer}-{(number * StreamsPerTransaction + s) % 400}",
            ExpectedVersion.Any,
            [.. Enumerable.Range(0, EventsPerTransaction / StreamsPerTransaction).Select(i => NewEvent.FromJson(
                Guid.NewGuid(), "track", payloads[(s + i) % payloads.Length],
                new EventMetadata { CorrelationId = $"corr-{writer}-{number}", CausationId = "bench" }))])),
    ];

    private static async Task<double> RunWritersAsync(Func<int, IEnumerable<List<StreamAppend>>> work, Func<List<StreamAppend>, Task> write)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            foreach (var batch in work(w))
            {
                await write(batch);
            }
        })));
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double P50, double P99)> SingleAppendLatencyAsync(Store store, string[] payloads, CancellationToken cancellationToken)
    {
        var timings = new List<double>();
        for (var i = 0; i < SingleAppends + 50; i++)
        {
            var clock = Stopwatch.StartNew();
            await store.AppendAsync("tenant-single", $"single-{i % 100}", ExpectedVersion.Any,
                [NewEvent.FromJson(Guid.NewGuid(), "track", payloads[i % payloads.Length])], cancellationToken);
            if (i >= 50)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        return (timings[timings.Count / 2], timings[(int)(timings.Count * 0.99)]);
    }

    private static async Task<double> DaemonCatchUpAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var max = dataSource.CreateCommand("select max(seq_id), count(*) from cdp.events");
        await using var reader = await max.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (target, events) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.DisposeAsync();

        var admin = new ProjectionAdmin(dataSource);
        using var daemon = new ProjectionDaemon(dataSource, [new CountingProjection()], Options.Create(new ProjectionDaemonOptions()));
        var clock = Stopwatch.StartNew();
        await daemon.StartAsync(cancellationToken);
        while ((await admin.GetStatusAsync("bench-count", cancellationToken)).Position < target)
        {
            await Task.Delay(20, cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await daemon.StopAsync(CancellationToken.None);
        await using var check = dataSource.CreateCommand("select sum(events) from bench_counts");
        var counted = (long)(decimal)(await check.ExecuteScalarAsync(cancellationToken))!;
        if (counted != events)
        {
            throw new InvalidOperationException($"The counting projection counted {counted} of {events} events.");
        }

        return events / seconds;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
