using Streaming.Platform.Contracts.Events;

namespace Streaming.Platform.Tests.Contracts;

/// <summary>
/// The stored shape of every domain event. Events live for years in the store: a renamed type name
/// or field here orphans or breaks every stored event of that type, so each one is pinned exactly.
/// Change a golden string only together with a migration of the stored events.
/// </summary>
public sealed class DomainEventContractTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 30, 15, 250, TimeSpan.Zero);
    private static readonly DateTimeOffset Received = At.AddSeconds(2);
    private static readonly Guid Loser = new("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid Survivor = new("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c");

    public static TheoryData<string, string> TypeNames => new()
    {
        { nameof(ProfileActivityRecorded), "profile.activity_recorded" },
        { nameof(ProfileIdentified), "profile.identified" },
        { nameof(ProfileAliased), "profile.aliased" },
        { nameof(ProfileMerged), "profile.merged" },
        { nameof(ProfileMergedInto), "profile.merged_into" },
        { nameof(ProfileForgotten), "profile.forgotten" },
    };

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Each_event_is_registered_under_its_stable_type_name(string record, string name)
    {
        Assert.True(DomainEventRegistry.TryGet(name, out var type), $"{name} is not registered");
        Assert.Equal(record, type.ClrType.Name);
        Assert.True(DomainEventRegistry.TryGet(type.ClrType, out var byType));
        Assert.Equal(name, byType.Name);
    }

    [Fact]
    public void The_registry_holds_exactly_the_pinned_events()
    {
        Assert.Equal(TypeNames.Select(row => (string)row[1]).Order(), DomainEventRegistry.All.Select(t => t.Name).Order());
    }

    [Fact]
    public void Activity_recorded_json_is_pinned_and_writes_the_properties_text_as_is()
    {
        var e = new ProfileActivityRecorded("m-1", "track", At, Received, "Order Completed",
            new RawJson("""{"total":42.5,"items":[1,2]}"""),
            new ProfileTraitChanges(new RawJson("""{"plan":"pro"}"""), new RawJson("{}"), ["trial"]),
            [new ProfileIdentifier("anonymousId", "a-1")]);

        AssertPinned(e, """{"messageId":"m-1","type":"track","timestamp":"2026-03-01T12:30:15.25+00:00","receivedAt":"2026-03-01T12:30:17.25+00:00","name":"Order Completed","properties":{"total":42.5,"items":[1,2]},"traits":{"$set":{"plan":"pro"},"$set_once":{},"$unset":["trial"]},"linked":[{"type":"anonymousId","value":"a-1"}]}""");
    }

    [Fact]
    public void Activity_recorded_omits_what_the_message_did_not_have()
    {
        AssertPinned(new ProfileActivityRecorded("m-2", "page", At, Received),
            """{"messageId":"m-2","type":"page","timestamp":"2026-03-01T12:30:15.25+00:00","receivedAt":"2026-03-01T12:30:17.25+00:00"}""");
    }

    [Fact]
    public void Identified_json_is_pinned()
    {
        var e = new ProfileIdentified("m-3", ProfileIdentified.IdentifyCall, At, Received, null,
            new ProfileTraitChanges(new RawJson("""{"email":"ann@example.com"}"""), new RawJson("{}"), []),
            [new ProfileIdentifier("userId", "ann"), new ProfileIdentifier("email", "ann@example.com")]);

        AssertPinned(e, """{"messageId":"m-3","type":"identify","timestamp":"2026-03-01T12:30:15.25+00:00","receivedAt":"2026-03-01T12:30:17.25+00:00","traits":{"$set":{"email":"ann@example.com"},"$set_once":{},"$unset":[]},"linked":[{"type":"userId","value":"ann"},{"type":"email","value":"ann@example.com"}]}""");
    }

    [Fact]
    public void Aliased_json_is_pinned()
    {
        var e = new ProfileAliased("m-4", ProfileAliased.AliasCall, At, Received, null, null, "anon-9", "ann",
            [new ProfileIdentifier("anonymousId", "anon-9")]);

        AssertPinned(e, """{"messageId":"m-4","type":"alias","timestamp":"2026-03-01T12:30:15.25+00:00","receivedAt":"2026-03-01T12:30:17.25+00:00","previousId":"anon-9","userId":"ann","linked":[{"type":"anonymousId","value":"anon-9"}]}""");
    }

    [Fact]
    public void Merged_json_is_pinned()
    {
        var e = new ProfileMerged(Loser, [new ProfileIdentifier("anonymousId", "a-2")], new RawJson("""{"city":"Rome"}"""),
            EventCount: 5, TrackCount: 3, PageCount: 1, IdentifyCount: 1, FirstSeen: At, LastSeen: Received);

        AssertPinned(e, """{"from":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","identifiers":[{"type":"anonymousId","value":"a-2"}],"traits":{"city":"Rome"},"eventCount":5,"trackCount":3,"pageCount":1,"identifyCount":1,"firstSeen":"2026-03-01T12:30:15.25+00:00","lastSeen":"2026-03-01T12:30:17.25+00:00"}""");
    }

    [Fact]
    public void Merged_into_json_is_pinned()
    {
        AssertPinned(new ProfileMergedInto(Survivor), """{"into":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"}""");
    }

    [Fact]
    public void Forgotten_json_is_pinned_and_holds_no_personal_data()
    {
        AssertPinned(new ProfileForgotten(At, ["profile-0190a1b2c3d47e5f8a9b0c1d2e3f4a5c"]),
            """{"forgottenAt":"2026-03-01T12:30:15.25+00:00","redactedStreams":["profile-0190a1b2c3d47e5f8a9b0c1d2e3f4a5c"]}""");
    }

    [Fact]
    public void Events_stored_before_the_records_existed_still_read()
    {
        // As PostgreSQL prints a jsonb column back: keys reordered, spaces after separators.
        const string stored = """{"from": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "traits": {}, "lastSeen": "2026-03-01T12:30:17.25+00:00", "pageCount": 0, "firstSeen": "2026-03-01T12:30:15.25+00:00", "trackCount": 2, "eventCount": 2, "identifiers": [{"type": "anonymousId", "value": "a-2"}], "identifyCount": 0}""";

        var merged = Assert.IsType<ProfileMerged>(DomainEventRegistry.Deserialize(ProfileEventTypes.Merged, stored));

        Assert.Equal(Loser, merged.From);
        Assert.Equal(2, merged.TrackCount);
        Assert.Equal("a-2", Assert.Single(merged.Identifiers).Value);
    }

    private static void AssertPinned<T>(T domainEvent, string golden)
        where T : IDomainEvent
    {
        var json = DomainEventSerializer.Serialize(domainEvent);
        Assert.Equal(golden, json);
        // And back: the record read from its JSON writes the same bytes.
        Assert.Equal(golden, DomainEventSerializer.Serialize(DomainEventSerializer.Deserialize<T>(json)));
    }
}
