using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Streaming.Platform.Contracts;
using Streaming.Platform.Contracts.Limits;
using Streaming.Processors.Authentication;
using Streaming.Processors.Identity;
using Streaming.Processors.Model;

namespace Streaming.Processors.Topology.Stages;

/// <summary>
/// Stage "validate": the contract's rules (version, required fields, a type it knows, a usable
/// identifier that is not junk, the <see cref="EnvelopeLimits"/> the edge enforces), an authentic
/// record (<see cref="RecordAuthenticator"/>) and a tenant
/// that exists. Error policy: dead-letter with the reason.
/// </summary>
public sealed class ValidateStage(IProfileStore store)
{
    public const string Name = "validate";

    private readonly ConcurrentDictionary<string, bool> _tenants = [];
    private readonly RecordAuthenticator _authenticator = new(store);

    public async ValueTask<(InboundEvent? Event, string? Reason)> ValidateAsync(RawRecord record, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.V != 1)
        {
            return (null, $"unsupported envelope version {envelope.V}");
        }

        if (string.IsNullOrWhiteSpace(envelope.Tenant) || string.IsNullOrWhiteSpace(envelope.MessageId))
        {
            return (null, "tenant and messageId are required");
        }

        if (EnvelopeRules.Check(envelope) is { } violation)
        {
            return (null, violation.ToString());
        }

        var kind = envelope.Type switch
        {
            EventTypes.Track => EventKind.Track,
            EventTypes.Identify => EventKind.Identify,
            EventTypes.Page => EventKind.Page,
            EventTypes.Screen => EventKind.Screen,
            EventTypes.Group => EventKind.Group,
            EventTypes.Alias => EventKind.Alias,
            _ => (EventKind?)null,
        };
        if (kind is null)
        {
            return (null, $"unknown type \"{envelope.Type}\"");
        }

        if (JunkIdentifiers.IsJunk(envelope.UserId) && JunkIdentifiers.IsJunk(envelope.AnonymousId))
        {
            return (null, "no usable userId or anonymousId (missing or junk)");
        }

        if (kind == EventKind.Track && string.IsNullOrWhiteSpace(envelope.Event))
        {
            return (null, "track needs an event name");
        }

        if (kind == EventKind.Alias && (JunkIdentifiers.IsJunk(envelope.PreviousId) || JunkIdentifiers.IsJunk(envelope.UserId)))
        {
            return (null, "alias needs a usable previousId and userId");
        }

        if (!await TenantExistsAsync(envelope.Tenant, cancellationToken))
        {
            return (null, $"unknown tenant \"{envelope.Tenant}\"");
        }

        if (await _authenticator.RefuseAsync(record, envelope, cancellationToken) is { } unauthenticated)
        {
            return (null, unauthenticated);
        }

        var traits = AsObject(envelope.Traits);
        var properties = AsObject(envelope.Properties);
        if ((envelope.Traits is { ValueKind: not JsonValueKind.Null } && traits is null)
            || (envelope.Properties is { ValueKind: not JsonValueKind.Null } && properties is null))
        {
            return (null, "traits and properties must be JSON objects");
        }

        return (new InboundEvent
        {
            TenantId = envelope.Tenant,
            MessageId = envelope.MessageId,
            Kind = kind.Value,
            AnonymousId = envelope.AnonymousId,
            UserId = envelope.UserId,
            PreviousId = envelope.PreviousId,
            Name = kind switch
            {
                EventKind.Track => envelope.Event,
                EventKind.Group => envelope.GroupId,
                _ => envelope.Name,
            },
            Traits = traits,
            Properties = properties,
            Timestamp = envelope.Timestamp,
            ReceivedAt = envelope.ReceivedAt,
        }, null);
    }

    private async ValueTask<bool> TenantExistsAsync(string tenant, CancellationToken cancellationToken)
    {
        // Known tenants are cached for the partition's life; unknown ones are asked again each
        // batch and never cached (a tenant created a moment ago must not stay dead-lettered, and
        // made-up tenant names must not grow the cache).
        if (_tenants.TryGetValue(tenant, out var known) && known)
        {
            return true;
        }

        var exists = await store.TenantExistsAsync(tenant, cancellationToken);
        if (exists)
        {
            _tenants[tenant] = true;
        }

        return exists;
    }

    private static JsonObject? AsObject(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } e ? JsonObject.Create(e) : null;
}
