using Streaming.Platform.Contracts;
using Streaming.Processors.LoadGen;
using Streaming.Processors.Tests.Driver;

namespace Streaming.Processors.Tests.Logic;

public sealed class WorkloadInvariantTests
{
    [Fact]
    public async Task The_ecommerce_mix_keeps_every_profile_version_equal_to_its_stream_and_counts_every_event()
    {
        var driver = new TopologyTestDriver(cacheCapacity: 300);
        var workload = new EcommerceWorkload("acme", profiles: 500, seed: 3);
        var now = DateTimeOffset.UtcNow;
        const int Total = 20_000;
        for (var batch = 0; batch < Total / 250; batch++)
        {
            var envelopes = new EventEnvelope[250];
            for (var i = 0; i < envelopes.Length; i++)
            {
                envelopes[i] = workload.Next(now.AddMilliseconds((batch * 250) + i));
            }

            await driver.PipeAsync(envelopes);
        }

        Assert.Empty(driver.DeadLetters);
        Assert.Equal(Total, driver.Store.Timeline.Count);
        Assert.Equal(Total, driver.Store.Profiles.Values.Sum(p => p.EventCount));
        Assert.All(driver.Store.Profiles.Values, p => Assert.Equal(driver.Store.StreamVersions[p.Id], p.Version));
    }
}
