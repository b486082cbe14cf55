namespace Streaming.Processors.Tests.Delivery;

/// <summary>Compares the store with what the produced events imply.</summary>
internal static class ReadModelCheck
{
    /// <summary>Every message id is in the timeline once and its profile event is in the event store once.</summary>
    public static async Task AssertExactlyOnceAsync(PipelineRig rig, long expectedMessages)
    {
        Assert.Equal(expectedMessages, await rig.ScalarAsync("select count(*) from cdp.profile_timeline"));
        Assert.Equal(expectedMessages, await rig.ScalarAsync(
            "select count(*) from cdp.events where type in ('profile.activity_recorded', 'profile.identified', 'profile.aliased')"));
        Assert.Equal(expectedMessages, await rig.ScalarAsync(
            "select count(distinct data->>'messageId') from cdp.events where type in ('profile.activity_recorded', 'profile.identified', 'profile.aliased')"));
        // Stream versions match the events stored (no gaps, no doubles) and the read model's version.
        Assert.Equal(0, await rig.ScalarAsync("""
            select count(*) from cdp.profiles p
            join cdp.streams s on s.tenant_id = p.tenant_id and s.id = 'profile-' || replace(p.id::text, '-', '')
            where s.version <> p.version
               or s.version <> (select count(*) from cdp.events e where e.tenant_id = s.tenant_id and e.stream_id = s.id)
            """));
    }

    /// <summary>The profile read model equals a recomputation from the produced events.</summary>
    public static async Task AssertProfilesMatchAsync(PipelineRig rig, Workload workload)
    {
        var actual = new Dictionary<string, Workload.Expected>();
        await using (var command = rig.Database.DataSource.CreateCommand("""
            select l.value, p.event_count, p.identify_count, (p.traits->>'n')::int
            from cdp.profiles p join cdp.identity_links l on l.profile_id = p.id and l.kind = 'userId'
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                actual[reader.GetString(0)] = new Workload.Expected(
                    reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt32(3));
            }
        }

        Assert.Equal(workload.ExpectedByUser.Count, await rig.ScalarAsync("select count(*) from cdp.profiles"));
        foreach (var (user, expected) in workload.ExpectedByUser)
        {
            Assert.True(actual.TryGetValue(user, out var found), $"no profile for {user}");
            Assert.Equal(expected, found);
        }
    }
}
