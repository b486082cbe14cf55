using System.Globalization;
using System.Text.Json;
using Streaming.Domain.Segments;
using Streaming.Domain.Segments.Conditions;
using Streaming.Domain.Segments.Evaluation;
using Streaming.Domain.Segments.History;
using Streaming.Domain.Segments.Index;
using Streaming.Domain.Segments.Json;
using Streaming.Domain.Segments.Validation;
using static Streaming.Domain.Tests.Segments.BruteForceEvaluator;

namespace Streaming.Domain.Tests.Segments;

/// <summary>
/// Thousands of random profiles, hundreds of random definitions, a clock that moves across hour,
/// day and month boundaries with late and new events arriving: the bucketed evaluator and the brute
/// force over raw events must agree on every membership, and no membership may change before the
/// next-change time the evaluator announced.
/// </summary>
public sealed class RandomizedEvaluationTests
{
    private const int Profiles = 2_000;
    private static readonly string[] Cities = ["Paris", "lyon", "Rome", "Oslo"];
    private const int Definitions = 200;
    private static readonly DateTimeOffset Start = new(2026, 6, 28, 21, 47, 13, TimeSpan.Zero);
    private static readonly TimeSpan[] ClockSteps =
    [
        TimeSpan.Zero, TimeSpan.FromMinutes(13), TimeSpan.FromHours(2), TimeSpan.FromHours(7.5), TimeSpan.FromDays(1.2),
        TimeSpan.FromDays(3), TimeSpan.FromDays(6.9), TimeSpan.FromDays(12),
    ];

    [Fact]
    public void Bucketed_evaluation_matches_brute_force_over_raw_events_as_time_passes()
    {
        var random = new Random(20261202);
        var generator = new RandomDefinitions(random, Start);
        var definitions = Enumerable.Range(0, Definitions)
            .Select(i => new SegmentDefinition($"s{i}", RoundTrip(generator.Next(i))))
            .ToList();
        Assert.Empty(SegmentDefinitionValidator.Validate(definitions));
        var plan = SegmentIndex.Build(definitions).TrackingPlan;

        var profiles = Enumerable.Range(0, Profiles).Select(_ => NewProfile(random)).ToList();
        foreach (var profile in profiles)
        {
            foreach (var e in RandomEvents(random, Start - TimeSpan.FromDays(45), Start, random.Next(0, 14)))
            {
                profile.Add(e, plan, Start);
            }
        }

        var differences = new List<string>();
        var evaluations = 0;
        long members = 0;
        var now = Start;
        var previous = Start;
        foreach (var step in ClockSteps)
        {
            now += step;
            foreach (var profile in profiles)
            {
                // New events since the last step, some of them late (stamped before the previous clock).
                if (step > TimeSpan.Zero && random.Next(3) == 0)
                {
                    foreach (var e in RandomEvents(random, previous - TimeSpan.FromDays(2), now, random.Next(1, 4)))
                    {
                        profile.Add(e, plan, now);
                    }
                }
                profile.History.Prune(now);
                evaluations += Compare(profile, definitions, now, random, differences, ref members);
            }
            previous = now;
        }

        Assert.True(differences.Count == 0, $"{differences.Count} differences in {evaluations} evaluations, first: {string.Join("; ", differences.Take(5))}");
        Assert.Equal(Profiles * Definitions * ClockSteps.Length, evaluations);
        // The generated rules are neither all-true nor all-false, or agreeing would prove little.
        Assert.InRange(members / (double)evaluations, 0.2, 0.8);
    }

    private static int Compare(Profile profile, List<SegmentDefinition> definitions, DateTimeOffset now, Random random, List<string> differences, ref long members)
    {
        var fastMembers = new HashSet<string>(StringComparer.Ordinal);
        var bruteMembers = new HashSet<string>(StringComparer.Ordinal);
        var facts = new ProfileFacts(profile.Traits, profile.History, fastMembers);
        foreach (var definition in definitions)
        {
            var fast = SegmentEvaluator.Evaluate(definition.Condition, facts, now);
            var brute = Evaluate(definition.Condition, profile.Traits, profile.Events, bruteMembers, now);
            members += brute ? 1 : 0;
            if (fast != brute)
            {
                differences.Add($"{definition.Id} at {now:O}: fast {fast}, brute {brute}, {SegmentJson.Write(definition.Condition)}");
            }
            if (fast)
            {
                fastMembers.Add(definition.Id);
            }
            if (brute)
            {
                bruteMembers.Add(definition.Id);
            }
            CheckNextChange(definition, facts, profile, bruteMembers, now, brute, random, differences);
        }
        return definitions.Count;
    }

    // Time alone cannot change the answer before the announced instant (memberships of other
    // segments change on their own timers, so conditions that reference one are left out).
    private static void CheckNextChange(SegmentDefinition definition, IProfileFacts facts, Profile profile, ISet<string> members,
        DateTimeOffset now, bool current, Random random, List<string> differences)
    {
        if (ConditionTree.Leaves(definition.Condition).Any(l => l is MembershipCondition))
        {
            return;
        }
        var next = SegmentEvaluator.NextChangeAt(definition.Condition, facts, now);
        if (next is { } at && at <= now)
        {
            differences.Add($"{definition.Id} at {now:O}: next change {at:O} is not after now");
            return;
        }
        var horizon = next ?? now + TimeSpan.FromDays(400);
        var probes = new[] { horizon - TimeSpan.FromTicks(1), now + ((horizon - now) * random.NextDouble()) };
        foreach (var probe in probes)
        {
            if (Evaluate(definition.Condition, profile.Traits, profile.Events, members, probe) != current)
            {
                differences.Add($"{definition.Id} at {now:O}: changed at {probe:O} before the announced {next:O}, {SegmentJson.Write(definition.Condition)}");
            }
        }
    }

    private static SegmentCondition RoundTrip(SegmentCondition condition)
    {
        var parsed = SegmentJson.Parse(SegmentJson.Write(condition));
        Assert.Equal(condition, parsed);
        return parsed;
    }

    private static Profile NewProfile(Random random)
    {
        var traits = new Dictionary<string, object?>();
        void Maybe(string name, Func<object?> value)
        {
            if (random.Next(5) > 0)
            {
                traits[name] = value();
            }
        }
        Maybe("plan", () => RandomDefinitions.Plans[random.Next(RandomDefinitions.Plans.Length)]);
        Maybe("age", () => random.Next(6) == 0 ? "42" : random.Next(0, 90));
        Maybe("vip", () => random.Next(5) switch { 0 => "true", 1 => null, _ => random.Next(2) == 0 });
        Maybe("address", () => new Dictionary<string, object?> { ["city"] = Cities[random.Next(Cities.Length)] });
        Maybe("signedUpAt", () => Iso(Start.AddMinutes(random.Next(-60 * 24 * 60, 60 * 24 * 10))));
        Maybe("renewsAt", () => Iso(Start.AddMinutes(random.Next(-60 * 24 * 5, 60 * 24 * 50))));
        Maybe("birthday", () => random.Next(30) == 0 ? "2000-02-29" : Iso(new DateTimeOffset(1970 + random.Next(40), 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(365)).AddHours(random.Next(24)).Add(Start - new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) - TimeSpan.FromDays(random.Next(30)))));
        return new Profile(JsonSerializer.SerializeToElement(traits));
    }

    private static IEnumerable<RawEvent> RandomEvents(Random random, DateTimeOffset from, DateTimeOffset to, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var at = from + ((to - from) * random.NextDouble());
            var properties = new Dictionary<string, object?>();
            if (random.Next(6) > 0)
            {
                properties["value"] = random.Next(8) == 0 ? "n/a" : random.Next(0, 400) / 2.0;
            }
            if (random.Next(4) > 0)
            {
                properties["category"] = RandomDefinitions.Categories[random.Next(RandomDefinitions.Categories.Length)];
            }
            var context = random.Next(3) == 0
                ? new Dictionary<string, object?>()
                : new Dictionary<string, object?> { ["campaign"] = new Dictionary<string, object?> { ["name"] = RandomDefinitions.Campaigns[random.Next(RandomDefinitions.Campaigns.Length)] } };
            yield return new RawEvent(RandomDefinitions.EventNames[random.Next(RandomDefinitions.EventNames.Length)], at,
                JsonSerializer.SerializeToElement(properties), JsonSerializer.SerializeToElement(context));
        }
    }

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed class Profile(JsonElement traits)
    {
        public JsonElement Traits { get; } = traits;

        public List<RawEvent> Events { get; } = [];

        public EventHistory History { get; } = new();

        public void Add(RawEvent e, EventTrackingPlan plan, DateTimeOffset now)
        {
            Events.Add(e);
            History.Record(new EventOccurrence(e.Name, e.At, e.Properties, e.Context), plan, now);
        }
    }
}
