using System.Text;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka;
using Streaming.Processors.Identity;
using Streaming.Processors.Kafka;
using Streaming.Processors.Tests.Driver;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Tests.Cycle;

/// <summary>The pipelined cycle: the next cycle is staged while the previous one commits.</summary>
public sealed class BatchCycleTests
{
    [Fact]
    public async Task A_failed_commit_reruns_and_so_does_the_cycle_staged_on_top_of_it_losing_and_duplicating_nothing()
    {
        var inner = new InMemoryProfileStore();
        var store = new FirstCommitFails(inner);
        using var cycle = new BatchCycle(store, new ProcessorOptions());
        var first = await DecodeAsync(cycle, 0, TrackEnvelope.Of("u1", "a1"), TrackEnvelope.Of("u1", "a1"), TrackEnvelope.Of("u1", "a1"));
        var second = await DecodeAsync(cycle, 1, TrackEnvelope.Of("u1", "a1"), TrackEnvelope.Of(null, "a1"));

        var firstRun = cycle.RunAsync(first, CancellationToken.None);
        await store.FirstCommitStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Arrives while the first cycle commits: staged on top of its (cached, uncommitted) state.
        var secondRun = cycle.RunAsync(second, CancellationToken.None);

        Assert.Equal(3, (await firstRun.WaitAsync(TimeSpan.FromSeconds(10))).Applied);
        Assert.Equal(2, (await secondRun.WaitAsync(TimeSpan.FromSeconds(10))).Applied);
        // Staged, staged on top, then both rerun: four units of work.
        Assert.Equal(4, store.Units);
        var profile = inner.ProfileBy(IdentifierKind.UserId, "u1")!;
        Assert.Equal(5, profile.EventCount);
        Assert.Equal(5, profile.Version);
        Assert.Equal(5, inner.StreamVersions[profile.Id]);
        Assert.Equal(5, inner.Events.Count);
        Assert.Equal(5, inner.Timeline.Count);
    }

    private static async Task<IReadOnlyList<Model.InboundEvent>> DecodeAsync(BatchCycle cycle, int partition, params EventEnvelope[] envelopes)
    {
        var records = envelopes.Select((e, i) => TestRecords.Of(e, i, partition)).ToList();
        return (await cycle.DecodeAsync(records, CancellationToken.None)).Valid;
    }

    /// <summary>The first unit's commit waits until the next unit is staged, then fails as a conflict would.</summary>
    private sealed class FirstCommitFails(InMemoryProfileStore inner) : IProfileStore
    {
        private readonly TaskCompletionSource _secondStaged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _units;

        public TaskCompletionSource FirstCommitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Units => Volatile.Read(ref _units);

        public Task<bool> TenantExistsAsync(string tenantId, CancellationToken cancellationToken) => inner.TenantExistsAsync(tenantId, cancellationToken);

        public Task<string?> WriteKeyTenantAsync(string writeKey, CancellationToken cancellationToken) => inner.WriteKeyTenantAsync(writeKey, cancellationToken);

        public async Task<IProfileBatch> BeginBatchAsync(CancellationToken cancellationToken) =>
            new Unit(await inner.BeginBatchAsync(cancellationToken), this, Interlocked.Increment(ref _units));

        private sealed class Unit(IProfileBatch unit, FirstCommitFails store, int number) : IProfileBatch
        {
            public Task<BatchLookup> LookupAsync(
                IReadOnlyCollection<(string TenantId, string MessageId)> messages, IReadOnlyCollection<TenantIdentifier> suppressionChecks,
                IReadOnlyCollection<TenantIdentifier> identifiers, bool lockProfiles, CancellationToken cancellationToken) =>
                unit.LookupAsync(messages, suppressionChecks, identifiers, lockProfiles, cancellationToken);

            public Task<IReadOnlyDictionary<Guid, Profiles.ProfileState>> LoadProfilesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
                unit.LoadProfilesAsync(ids, cancellationToken);

            public void Stage(BatchChanges changes)
            {
                unit.Stage(changes);
                if (number == 2)
                {
                    store._secondStaged.TrySetResult();
                }
            }

            public async Task CommitAsync(CancellationToken cancellationToken)
            {
                if (number == 1)
                {
                    store.FirstCommitStarted.TrySetResult();
                    await store._secondStaged.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                    throw new StoreConflictException("injected: another writer got there first");
                }

                await unit.CommitAsync(cancellationToken);
            }

            public ValueTask DisposeAsync() => unit.DisposeAsync();
        }
    }
}
