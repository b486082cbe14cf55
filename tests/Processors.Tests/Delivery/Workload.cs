using System.Text.Json;
using Streaming.Platform.Contracts;

namespace Streaming.Processors.Tests.Delivery;

/// <summary>
/// A deterministic stream of events over a set of users, and what the profile read model must
/// hold afterwards, computed from the events alone (independently of the processors' code).
/// </summary>
public sealed class Workload(int users, int seed)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, Expected> _expected = [];
    private int _sequence;

    public IReadOnlyDictionary<string, Expected> ExpectedByUser => _expected;

    public EventEnvelope Next()
    {
        var user = "user-" + _random.Next(users);
        var n = ++_sequence;
        var now = DateTimeOffset.UtcNow;
        var identify = _random.Next(5) == 0;
        var envelope = new EventEnvelope
        {
            Tenant = PipelineRig.Tenant,
            MessageId = $"m-{seed}-{n}",
            Type = identify ? EventTypes.Identify : EventTypes.Track,
            UserId = user,
            AnonymousId = "anon-" + user,
            Event = identify ? null : "Product Viewed",
            Traits = identify ? JsonDocument.Parse($$"""{"n":{{n}},"email":"{{user}}@example.com"}""").RootElement.Clone() : null,
            Properties = identify ? null : JsonDocument.Parse($$"""{"sku":"sku-{{n % 97}}","price":{{n % 50}}}""").RootElement.Clone(),
            Timestamp = now,
            ReceivedAt = now,
        };

        var expected = _expected.TryGetValue(user, out var e) ? e : new Expected(0, 0, null);
        _expected[user] = identify
            ? expected with { Events = expected.Events + 1, Identifies = expected.Identifies + 1, LastTraitN = n }
            : expected with { Events = expected.Events + 1 };
        return envelope;
    }

    /// <summary>Per user: events, identifies, and the trait "n" of the last identify (events of a user are in order on one partition).</summary>
    public sealed record Expected(long Events, long Identifies, int? LastTraitN);
}
