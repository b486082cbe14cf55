using Streaming.Platform.Kafka.Backpressure;

namespace Streaming.Platform.Tests.Kafka.Backpressure;

public sealed class ProducedBytesLedgerTests
{
    [Fact]
    public void Acknowledged_records_count_on_their_partition_until_the_group_commits_past_them()
    {
        var ledger = new ProducedBytesLedger(partitions: 3);
        for (var offset = 0; offset < 10; offset++)
        {
            ledger.Sending(1_000);
            ledger.Delivered(partition: 1, offset, 1_000);
        }

        Assert.Equal(10_000, ledger.PartitionBytesOf(1));
        Assert.Equal(0, ledger.PartitionBytesOf(0));

        ledger.ForgetBelow(partition: 1, offset: 4);

        Assert.Equal(6_000, ledger.PartitionBytesOf(1));
        Assert.Equal(6_000, ledger.MaxPartitionBytes);
        Assert.Equal(0, ledger.InFlightBytes);
    }

    [Fact]
    public void Records_not_yet_acknowledged_count_as_in_flight_and_failed_ones_stop_counting()
    {
        var ledger = new ProducedBytesLedger(partitions: 2);
        ledger.Sending(500);
        ledger.Sending(700);

        Assert.Equal(1_200, ledger.InFlightBytes);
        Assert.Equal(0, ledger.MaxPartitionBytes);

        ledger.NotDelivered(500);
        ledger.Delivered(partition: 0, offset: 0, 700);

        Assert.Equal(0, ledger.InFlightBytes);
        Assert.Equal(700, ledger.MaxPartitionBytes);
    }

    [Fact]
    public void A_commit_below_what_was_counted_forgets_nothing()
    {
        var ledger = new ProducedBytesLedger(partitions: 1);
        ledger.Sending(100);
        ledger.Delivered(partition: 0, offset: 50, 100);

        ledger.ForgetBelow(partition: 0, offset: 50);

        Assert.Equal(100, ledger.PartitionBytesOf(0));
    }
}
