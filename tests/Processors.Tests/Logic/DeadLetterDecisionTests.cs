using System.Text;
using Streaming.Platform.Contracts;
using Streaming.Processors.Tests.Driver;

namespace Streaming.Processors.Tests.Logic;

public sealed class DeadLetterDecisionTests
{
    [Fact]
    public async Task Undecodable_records_are_dead_lettered_by_the_decode_stage_and_the_rest_of_the_batch_applies()
    {
        var driver = new TopologyTestDriver();
        var good = EventEnvelopeSerializer.Serialize(driver.Track("u1", null));
        var result = await driver.PipeRawAsync(Encoding.UTF8.GetBytes("{not json"), null, good, Encoding.UTF8.GetBytes("""{"v":1}"""));

        Assert.Equal(3, result.DeadLetters.Count);
        Assert.All(result.DeadLetters, d => Assert.Equal("decode", d.Stage));
        Assert.Equal(1, result.Applied);
    }

    [Theory]
    [InlineData("unknown tenant")]
    [InlineData("unknown type")]
    [InlineData("track needs an event name")]
    [InlineData("alias needs")]
    [InlineData("unsupported envelope version")]
    public async Task Invalid_envelopes_are_dead_lettered_with_the_reason(string reason)
    {
        var driver = new TopologyTestDriver();
        var envelope = reason switch
        {
            "unknown tenant" => driver.Track("u1", null) with { Tenant = "nobody" },
            "unknown type" => driver.Envelope("purchase", "u1", null),
            "track needs an event name" => driver.Track("u1", null) with { Event = " " },
            "alias needs" => driver.Alias("undefined", "u1"),
            _ => driver.Track("u1", null) with { V = 2 },
        };
        await driver.PipeAsync(envelope);

        var letter = Assert.Single(driver.DeadLetters);
        Assert.Equal("validate", letter.Stage);
        Assert.Contains(reason, letter.Reason, StringComparison.Ordinal);
        Assert.Empty(driver.Store.Profiles);
    }
}
