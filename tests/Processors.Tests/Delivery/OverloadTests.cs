using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Platform.Kafka;
using Streaming.Platform.Kafka.Backpressure;
using Streaming.TestSupport;
using Xunit.Abstractions;

namespace Streaming.Processors.Tests.Delivery;

public sealed class OverloadTests(ITestOutputHelper output)
{
    // The 60 s: long enough for the lag to reach the throttle limit many times over.
    private static readonly TimeSpan Overload = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Offered_load_above_capacity_in_embedded_mode_is_throttled_and_loses_no_accepted_event()
    {
        await using var rig = await PipelineRig.CreateAsync();
        await using var app = await rig.StartInProcessAsync($"http://127.0.0.1:{FreePort.Next()}");
        var monitor = app.Services.GetRequiredService<ConsumerLagMonitor>();
        Assert.True(monitor.IsEnabled);
        var workload = new Workload(users: 5_000, seed: 11);
        using var producer = rig.CreateProducer();

        // An ingest edge in miniature: before accepting a chunk it asks the lag monitor, and a
        // throttled offer is answered "503, retry later" (counted, not produced).
        long accepted = 0, refused = 0, maxLagSeen = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Overload)
        {
            maxLagSeen = Math.Max(maxLagSeen, monitor.MaxPartitionLag);
            if (monitor.ShouldThrottle)
            {
                refused++;
                await Task.Delay(20);
                continue;
            }

            for (var i = 0; i < 500; i++)
            {
                ProduceWaitingForRoom(producer, PipelineRig.ToMessage(workload.Next()));
            }

            accepted += 500;
            producer.Poll(TimeSpan.Zero);
        }

        producer.Flush(TimeSpan.FromSeconds(60));
        output.WriteLine($"accepted {accepted}, refused offers {refused}, max partition lag seen {maxLagSeen} (limit {monitor.MaxLagPerPartition})");
        Assert.True(refused > 0, "the offered load never exceeded what the processors absorb: the test proves nothing");

        await Eventually.Until(async () => await rig.ScalarAsync("select count(*) from cdp.profile_timeline") >= accepted,
            TimeSpan.FromSeconds(180), $"all {accepted} accepted events stored");
        await ReadModelCheck.AssertExactlyOnceAsync(rig, accepted);
        await ReadModelCheck.AssertProfilesMatchAsync(rig, workload);
        await app.StopAsync();
    }

    /// <summary>
    /// On a quiet machine this loop can outrun the embedded broker itself: the client's local
    /// queue fills before any lag shows. A real edge waits for room then too (nothing is dropped).
    /// </summary>
    private static void ProduceWaitingForRoom(IProducer<byte[], byte[]> producer, Message<byte[], byte[]> message)
    {
        while (true)
        {
            try
            {
                producer.Produce(Topics.Events.Name, message);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }
}
