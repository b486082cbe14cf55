using System.Runtime.InteropServices;
using System.Text.Json;

namespace Streaming.Platform.Contracts.Limits;

/// <summary>
/// The limits of <see cref="EnvelopeLimits"/> applied to an envelope's own fields: identifiers and
/// names (length, no U+0000, no lone surrogate), the identifying traits, and every time in range.
/// The JSON parts (traits, properties, context, integrations) are checked as bytes by
/// <see cref="JsonTextRules"/> over the request body or the record value, before this runs.
/// Field names are the envelope's JSON names (<c>userId</c>, <c>traits.email</c>).
/// </summary>
public static class EnvelopeRules
{
    /// <summary>Null when the envelope is within the limits, else the first field that is not.</summary>
    public static ContractViolation? Check(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return Text("tenant", envelope.Tenant, EnvelopeLimits.MaxIdBytes)
            ?? Text("messageId", envelope.MessageId, EnvelopeLimits.MaxIdBytes)
            ?? Text("userId", envelope.UserId, EnvelopeLimits.MaxIdBytes)
            ?? Text("anonymousId", envelope.AnonymousId, EnvelopeLimits.MaxIdBytes)
            ?? Text("previousId", envelope.PreviousId, EnvelopeLimits.MaxIdBytes)
            ?? Text("groupId", envelope.GroupId, EnvelopeLimits.MaxIdBytes)
            ?? Text("event", envelope.Event, EnvelopeLimits.MaxNameBytes)
            ?? Text("name", envelope.Name, EnvelopeLimits.MaxNameBytes)
            ?? Text("category", envelope.Category, EnvelopeLimits.MaxNameBytes)
            ?? IdentifyingTraits(envelope.Traits)
            ?? Time("timestamp", envelope.Timestamp)
            ?? Time("originalTimestamp", envelope.OriginalTimestamp)
            ?? Time("sentAt", envelope.SentAt)
            ?? Time("receivedAt", envelope.ReceivedAt);
    }

    /// <summary>Null when the time is absent or in range, else the violation naming <paramref name="field"/>.</summary>
    public static ContractViolation? Time(string field, DateTimeOffset? time) =>
        time is { } t && !EnvelopeLimits.IsInTimeRange(t) ? new ContractViolation(field, EnvelopeLimits.TimeRangeReason) : null;

    private static ContractViolation? Text(string field, string? value, int maxBytes) =>
        TextRules.Check(value, maxBytes) is { } reason ? new ContractViolation(field, reason) : null;

    private static ContractViolation? IdentifyingTraits(JsonElement? traits)
    {
        if (traits is not { ValueKind: JsonValueKind.Object } t)
        {
            return null;
        }

        foreach (var name in EnvelopeLimits.IdentifyingTraits)
        {
            if (!t.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            // The raw token, so a lone surrogate is reported instead of thrown by GetString.
            var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
            var reason = JsonTextRules.CheckString(raw, raw.Contains((byte)'\\'), out var length)
                ?? (length > EnvelopeLimits.MaxIdBytes ? TextRules.TooLong(length, EnvelopeLimits.MaxIdBytes) : null);
            if (reason is not null)
            {
                return new ContractViolation("traits." + name, reason);
            }
        }

        return null;
    }
}
