using Streaming.Processors.Identity;
using Streaming.Processors.Tests.Driver;
using Streaming.Processors.Topology;
using Streaming.Processors.Topology.Stages;

namespace Streaming.Processors.Tests.Cycle;

/// <summary>The graph's store stage: the next batch is staged while the previous one commits; poison is isolated.</summary>
public sealed class BatchCommitterTests
{
    [Fact]
    public async Task A_failed_commit_reruns_and_so_does_the_batch_staged_on_top_of_it_losing_and_duplicating_nothing()
    {
        var inner = new InMemoryProfileStore();
        var store = new FirstCommitFails(inner);
        using var rig = new CommitterRig(store);
        var first = await rig.DecodeAsync(TrackEnvelope.Of("u1", "a1"), TrackEnvelope.Of("u1", "a1"), TrackEnvelope.Of("u1", "a1"));
        var second = await rig.DecodeAsync(TrackEnvelope.Of("u1", "a1"), TrackEnvelope.Of(null, "a1"));

        var firstRun = rig.Committer.RunAsync(first, CancellationToken.None);
        await store.FirstCommitStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Arrives while the first batch commits: staged on top of its (cached, uncommitted) state.
        var secondRun = rig.Committer.RunAsync(second, CancellationToken.None);

        Assert.Equal(3, (await firstRun.WaitAsync(TimeSpan.FromSeconds(10))).Result.Applied);
        Assert.Equal(2, (await secondRun.WaitAsync(TimeSpan.FromSeconds(10))).Result.Applied);
        // Staged, staged on top, then both rerun: four units of work.
        Assert.Equal(4, store.Units);
        var profile = inner.ProfileBy(IdentifierKind.UserId, "u1")!;
        Assert.Equal(5, profile.EventCount);
        Assert.Equal(5, profile.Version);
        Assert.Equal(5, inner.StreamVersions[profile.Id]);
        Assert.Equal(5, inner.Events.Count);
        Assert.Equal(5, inner.Timeline.Count);
    }

    [Fact]
    public async Task A_message_a_stage_throws_on_is_dead_lettered_with_the_stage_and_the_batch_commits_without_it()
    {
        var store = new InMemoryProfileStore();
        using var rig = new CommitterRig(store, [new ResolveIdentityStage(), new ApplyProfileStage(), new ThrowsOnEvent("Boom")]);
        var batch = await rig.DecodeAsync(
            TrackEnvelope.Of("u1", "a1"), TrackEnvelope.Of("u2", "a2", "Boom"), TrackEnvelope.Of("u1", "a1"));

        var committed = await rig.Committer.RunAsync(batch, CancellationToken.None);

        var letter = Assert.Single(committed.DeadLetters);
        Assert.Equal(ThrowsOnEvent.StageName, letter.Stage);
        Assert.Contains("no Boom here", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(batch[1].Record.Raw.Offset, letter.Record.Offset);
        Assert.Equal(2, committed.Result.Applied);
        Assert.Equal(2, store.Events.Count);
        Assert.Null(store.ProfileBy(IdentifierKind.UserId, "u2"));
        Assert.Equal(2, store.ProfileBy(IdentifierKind.UserId, "u1")!.EventCount);
    }

    /// <summary>A stage with a bug that only some input triggers.</summary>
    private sealed class ThrowsOnEvent(string name) : IProfileStage
    {
        public const string StageName = "throws-on-event";

        public string Name => StageName;

        public StageReads Reads => StageReads.None;

        public StageEmits Emits => StageEmits.None;

        public void Apply(StageContext context)
        {
            if (context.Message.Name == name)
            {
                throw new InvalidOperationException($"no {name} here");
            }
        }
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
