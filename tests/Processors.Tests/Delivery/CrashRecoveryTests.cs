using System.Diagnostics;
using Streaming.TestSupport;
using Xunit.Abstractions;

namespace Streaming.Processors.Tests.Delivery;

public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Events = 200_000;
    private const int Kills = 5;

    // A few concurrent clients with batches the size analytics libraries flush: enough to keep
    // the processors saturated, so ingest's 503 backpressure and the clients' resends take part.
    private const int Senders = 4;
    private const int BatchSize = 250;

    // One batch in ten is sent again after its 200 (a response lost to a client timeout), so the
    // store must absorb duplicates that came through ingest, not only those a crash replays.
    private const int LostResponseEvery = 10;

    [Fact]
    public async Task Processor_killed_with_SIGKILL_five_times_while_events_arrive_over_HTTP_stores_every_accepted_message_exactly_once_and_the_read_model_matches_a_recomputation()
    {
        var clock = Stopwatch.StartNew();
        await using var rig = await PipelineRig.CreateAsync();
        await using var ingest = await IngestEdge.StartAsync(rig);
        var workload = new Workload(users: 2_000, seed: 7);
        var feed = new HttpFeed(workload, Events, Senders, BatchSize, LostResponseEvery);
        var settings = rig.Settings($"http://127.0.0.1:{FreePort.Next()}");
        using var stop = new CancellationTokenSource();
        var child = ProcessorsChildProcess.Start(settings);
        try
        {
            // The processors bring their own tables: the first child creates them.
            await Eventually.Until(
                async () => await rig.ScalarAsync("select count(*) from pg_tables where schemaname = 'cdp' and tablename = 'profile_timeline'") == 1,
                TimeSpan.FromSeconds(60), "the processors' schema");
            var sending = feed.RunAsync(ingest.BaseAddress, IngestEdge.WriteKey, stop.Token);
            var progress = new Progress(rig, feed, sending);

            // Kill moments spread over the first half of the work (while the clients are still
            // sending), each only once the current child has stored something new, so it dies
            // mid-work rather than while still joining the group.
            var random = new Random(42);
            var killAt = Enumerable.Range(0, Kills).Select(_ => random.Next(Events / 50, Events * 11 / 20)).Order().ToArray();
            for (var kill = 1; kill <= Kills; kill++)
            {
                var threshold = killAt[kill - 1];
                var before = await progress.StoredAsync();
                await progress.UntilAsync(async () => await progress.StoredAsync() is var stored && stored > before && stored >= threshold,
                    $"{threshold} stored before kill {kill}\n{child.Output}");
                await Task.Delay(random.Next(0, 1_000));
                Assert.False(sending.IsCompleted, $"the clients finished before kill {kill}: it would not hit the processor while events arrive");
                child.KillHard();
                output.WriteLine($"{clock.Elapsed:mm\\:ss} kill {kill}: {feed.Accepted} accepted, {await progress.StoredAsync()} stored, {feed.Resends} resends");
                child.Dispose();
                child = ProcessorsChildProcess.Start(settings);
            }

            await sending;
            var accepted = feed.AcceptedIds;
            var records = rig.EventRecordCount();
            output.WriteLine($"{clock.Elapsed:mm\\:ss} all {accepted.Count} accepted, {feed.Resends} batches resent after 503/429, "
                + $"{feed.SentTwice} events sent again after their 200, {records} records on the topic");
            Assert.True(records >= Events + feed.SentTwice, $"{records} records on the topic: the duplicates did not reach Kafka");
            await progress.UntilAsync(async () => await progress.StoredAsync() >= accepted.Count, $"all {accepted.Count} accepted events stored\n{child.Output}");
            output.WriteLine($"{clock.Elapsed:mm\\:ss} all stored");

            Assert.Equal(Events, accepted.Count);
            await ReadModelCheck.AssertExactlyOnceAsync(rig, accepted);
            await ReadModelCheck.AssertProfilesMatchAsync(rig, workload);
            output.WriteLine($"{clock.Elapsed:mm\\:ss} checked");
        }
        finally
        {
            // A failed test must not leave the clients sending into a stopping ingest.
            await stop.CancelAsync();
            child.Dispose();
        }
    }

    /// <summary>Waits on the store and the feed; a failed feed (an unexpected HTTP answer) fails the wait at once.</summary>
    private sealed class Progress(PipelineRig rig, HttpFeed feed, Task sending)
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

        public Task<long> StoredAsync() => rig.ScalarAsync("select count(*) from cdp.profile_timeline");

        public async Task UntilAsync(Func<Task<bool>> condition, string what)
        {
            var clock = Stopwatch.StartNew();
            while (!await condition())
            {
                if (sending.IsFaulted)
                {
                    await sending;
                }

                if (clock.Elapsed > Timeout)
                {
                    throw new TimeoutException($"Timed out after {Timeout.TotalSeconds:0} s waiting for {what} ({feed.Accepted} accepted).");
                }

                // Counting the timeline costs PostgreSQL time the processors need: poll gently.
                await Task.Delay(250);
            }
        }
    }
}
