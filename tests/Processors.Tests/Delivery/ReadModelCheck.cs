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
        await AssertStreamVersionsAsync(rig);
    }

    /// <summary>
    /// The store holds exactly the accepted message ids: each once in the timeline and once among
    /// the profile events, none missing, none that was never accepted.
    /// </summary>
    public static async Task AssertExactlyOnceAsync(PipelineRig rig, IReadOnlyCollection<string> acceptedIds)
    {
        ArgumentNullException.ThrowIfNull(acceptedIds);
        var accepted = acceptedIds.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(acceptedIds.Count, accepted.Count);
        AssertSame(accepted, await StringsAsync(rig, "select message_id from cdp.profile_timeline"), "timeline");
        AssertSame(accepted, await StringsAsync(rig,
            "select data->>'messageId' from cdp.events where type in ('profile.activity_recorded', 'profile.identified', 'profile.aliased')"), "event store");
        await AssertStreamVersionsAsync(rig);
    }

    private static async Task AssertStreamVersionsAsync(PipelineRig rig)
    {
        // Stream versions match the events stored (no gaps, no doubles) and the read model's version.
        Assert.Equal(0, await rig.ScalarAsync("""
            select count(*) from cdp.profiles p
            join cdp.streams s on s.tenant_id = p.tenant_id and s.id = 'profile-' || replace(p.id::text, '-', '')
            where s.version <> p.version
               or s.version <> (select count(*) from cdp.events e where e.tenant_id = s.tenant_id and e.stream_id = s.id)
            """));
    }

    private static void AssertSame(HashSet<string> accepted, List<string> stored, string where)
    {
        var doubled = stored.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(doubled.Count == 0, $"stored more than once in the {where}: {string.Join(", ", doubled)}");
        var missing = accepted.Except(stored, StringComparer.Ordinal).Take(5).ToList();
        Assert.True(missing.Count == 0, $"accepted but not in the {where}: {string.Join(", ", missing)}");
        var extra = stored.Except(accepted, StringComparer.Ordinal).Take(5).ToList();
        Assert.True(extra.Count == 0, $"in the {where} but never accepted: {string.Join(", ", extra)}");
    }

    private static async Task<List<string>> StringsAsync(PipelineRig rig, string sql)
    {
        var values = new List<string>();
        await using var command = rig.Database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
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
