using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Streaming.Platform.Contracts;
using Streaming.Platform.Contracts.Limits;

namespace Streaming.Ingest.Tracking;

/// <summary>
/// Turns a Segment HTTP API body into validated <see cref="EventEnvelope"/>s. Raw parts (traits,
/// properties, context, integrations) stay <see cref="JsonElement"/>s over the request buffer:
/// nothing is copied until the envelope is serialized. The first invalid field rejects the whole
/// request with an <see cref="IngestRejectedException"/> naming it: the body's bytes are checked
/// against <see cref="JsonTextRules"/> before any string is read, each envelope against
/// <see cref="EnvelopeRules"/> once built, so what the store cannot hold never reaches Kafka.
/// </summary>
internal static class EventParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = EnvelopeLimits.MaxDepth };

    /// <summary>Parses the JSON and reads the request-level fields (the write key first: it names the tenant).</summary>
    public static ParsedRequest Open(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new IngestRejectedException(IngestError.BadRequest("body", "malformed JSON: " + ex.Message));
        }

        var parsed = new ParsedRequest(document);
        try
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Bad("body", "must be a JSON object");
            }

            // Before any string is read: GetString throws on a lone surrogate escape.
            if (CheckText(body.Span) is { } violation)
            {
                throw Bad(violation.Field, violation.Reason);
            }

            parsed.Outer = Outer.Read(document.RootElement);
            return parsed;
        }
        catch
        {
            parsed.Dispose();
            throw;
        }
    }

    private static ContractViolation? CheckText(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonTextRules.Check(body);
        }
        catch (JsonException ex)
        {
            // The document parsed, so this does not happen; if the two readers ever disagree it is still the client's JSON.
            return new ContractViolation("body", "malformed JSON: " + ex.Message);
        }
    }

    /// <summary>Reads the events of <c>/v1/{type}</c> (type given) or <c>/v1/batch</c> (type null) into <paramref name="parsed"/>.</summary>
    public static void ReadEvents(ParsedRequest parsed, string? type, string tenant, DateTimeOffset receivedAt, int maxEventBytes)
    {
        var root = parsed.Document.RootElement;
        var outer = parsed.Outer;
        if (type is not null)
        {
            parsed.Events.Add(ReadEvent(root, type, "", outer with { Context = null, Integrations = null }, parsed, tenant, receivedAt));
            return;
        }

        if (!root.TryGetProperty("batch"u8, out var batch))
        {
            throw Bad("batch", "is required");
        }

        if (batch.ValueKind != JsonValueKind.Array)
        {
            throw Bad("batch", "must be an array");
        }

        var index = 0;
        foreach (var item in batch.EnumerateArray())
        {
            // One string per item: field names are appended only when an error names one.
            var path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"batch[{index}].");
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path[..^1], "must be a JSON object");
            }

            if (JsonMarshal.GetRawUtf8Value(item).Length > maxEventBytes)
            {
                throw new IngestRejectedException(IngestError.TooLarge(path[..^1], $"the event exceeds {maxEventBytes} bytes"));
            }

            parsed.Events.Add(ReadEvent(item, null, path, outer, parsed, tenant, receivedAt));
            index++;
        }
    }

    /// <summary>The batch-level fields that apply to every item.</summary>
    internal readonly record struct Outer(string? WriteKey, JsonElement? Context, JsonElement? Integrations, DateTimeOffset? SentAt)
    {
        public static Outer Read(JsonElement root)
        {
            string? writeKey = null;
            JsonElement? context = null, integrations = null;
            DateTimeOffset? sentAt = null;
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("writeKey"u8))
                {
                    writeKey = OptionalString(property.Value, "", "writeKey");
                }
                else if (property.NameEquals("context"u8))
                {
                    context = OptionalObject(property.Value, "", "context");
                }
                else if (property.NameEquals("integrations"u8))
                {
                    integrations = OptionalObject(property.Value, "", "integrations");
                }
                else if (property.NameEquals("sentAt"u8))
                {
                    sentAt = OptionalTime(property.Value, "", "sentAt");
                }
            }

            return new Outer(writeKey, context, integrations, sentAt);
        }
    }

    private static EventEnvelope ReadEvent(
        JsonElement item, string? pathType, string path, Outer outer, ParsedRequest parsed, string tenant, DateTimeOffset receivedAt)
    {
        string? type = pathType, messageId = null, userId = null, anonymousId = null, eventName = null, name = null,
            category = null, groupId = null, previousId = null;
        JsonElement? traits = null, properties = null, context = null, integrations = null;
        DateTimeOffset? timestamp = null, sentAt = outer.SentAt;
        foreach (var property in item.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("type"u8))
            {
                if (pathType is null)
                {
                    var raw = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    type = raw is null ? throw Bad(path + "type", "must be a string")
                        : EventTypes.Normalize(raw) ?? throw Bad(path + "type", $"unknown type \"{raw}\" (expected one of {string.Join(", ", EventTypes.All)})");
                }
            }
            else if (property.NameEquals("userId"u8))
            {
                userId = OptionalId(value, path, "userId");
            }
            else if (property.NameEquals("anonymousId"u8))
            {
                anonymousId = OptionalId(value, path, "anonymousId");
            }
            else if (property.NameEquals("messageId"u8))
            {
                messageId = OptionalString(value, path, "messageId");
            }
            else if (property.NameEquals("event"u8))
            {
                eventName = OptionalString(value, path, "event");
            }
            else if (property.NameEquals("name"u8))
            {
                name = OptionalString(value, path, "name");
            }
            else if (property.NameEquals("category"u8))
            {
                category = OptionalString(value, path, "category");
            }
            else if (property.NameEquals("groupId"u8))
            {
                groupId = OptionalId(value, path, "groupId");
            }
            else if (property.NameEquals("previousId"u8))
            {
                previousId = OptionalId(value, path, "previousId");
            }
            else if (property.NameEquals("traits"u8))
            {
                traits = OptionalObject(value, path, "traits");
            }
            else if (property.NameEquals("properties"u8))
            {
                properties = OptionalObject(value, path, "properties");
            }
            else if (property.NameEquals("context"u8))
            {
                context = OptionalObject(value, path, "context");
            }
            else if (property.NameEquals("integrations"u8))
            {
                integrations = OptionalObject(value, path, "integrations");
            }
            else if (property.NameEquals("timestamp"u8))
            {
                timestamp = OptionalTime(value, path, "timestamp");
            }
            else if (property.NameEquals("sentAt"u8))
            {
                sentAt = OptionalTime(value, path, "sentAt") ?? outer.SentAt;
            }
        }

        if (type is null)
        {
            throw Bad(path + "type", "is required");
        }

        if (string.IsNullOrEmpty(userId) && string.IsNullOrEmpty(anonymousId))
        {
            throw Bad(path + "userId", "userId or anonymousId is required");
        }

        switch (type)
        {
            case EventTypes.Track when string.IsNullOrEmpty(eventName):
                throw Bad(path + "event", "is required for track");
            case EventTypes.Group when string.IsNullOrEmpty(groupId):
                throw Bad(path + "groupId", "is required for group");
            case EventTypes.Alias when string.IsNullOrEmpty(previousId):
                throw Bad(path + "previousId", "is required for alias");
            case EventTypes.Alias when string.IsNullOrEmpty(userId):
                throw Bad(path + "userId", "is required for alias");
            default:
                break;
        }

        var envelope = new EventEnvelope
        {
            Tenant = tenant,
            MessageId = string.IsNullOrEmpty(messageId) ? Guid.NewGuid().ToString() : messageId,
            Type = type,
            UserId = userId,
            AnonymousId = anonymousId,
            Event = type == EventTypes.Track ? eventName : null,
            Name = name,
            Category = category,
            GroupId = groupId,
            PreviousId = previousId,
            Traits = traits,
            Properties = properties,
            Context = Merge(outer.Context, context, parsed),
            Integrations = Merge(outer.Integrations, integrations, parsed),
            Timestamp = timestamp is { } t
                ? (sentAt is { } s ? SkewCorrected(receivedAt, s, t, path) : t)
                : receivedAt,
            OriginalTimestamp = timestamp,
            SentAt = sentAt,
            ReceivedAt = receivedAt,
        };
        return EnvelopeRules.Check(envelope) is { } violation ? throw Bad(path + violation.Field, violation.Reason) : envelope;
    }

    /// <summary>
    /// The client's clock is off by (sentAt - now at arrival); the event happened (sentAt - timestamp)
    /// before the send, so at receivedAt minus that. Computed in ticks: an extreme pair (a sentAt
    /// centuries away from the timestamp) lands outside the time range and is refused, not thrown.
    /// </summary>
    private static DateTimeOffset SkewCorrected(DateTimeOffset receivedAt, DateTimeOffset sentAt, DateTimeOffset timestamp, string path)
    {
        var ticks = receivedAt.UtcTicks - (sentAt.UtcTicks - timestamp.UtcTicks);
        if (ticks < EnvelopeLimits.EarliestTime.UtcTicks || ticks > EnvelopeLimits.LatestTime.UtcTicks)
        {
            throw Bad(path + "timestamp", "corrected for clock skew with sentAt (receivedAt - (sentAt - timestamp)), it "
                + EnvelopeLimits.TimeRangeReason);
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>A batch's context or integrations under an item's own: the item's keys win, one level deep.</summary>
    private static JsonElement? Merge(JsonElement? outer, JsonElement? inner, ParsedRequest parsed)
    {
        if (outer is not { } o)
        {
            return inner;
        }

        if (inner is not { } i)
        {
            return o;
        }

        var buffer = new ArrayBufferWriter<byte>(JsonMarshal.GetRawUtf8Value(o).Length + JsonMarshal.GetRawUtf8Value(i).Length + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in o.EnumerateObject())
            {
                if (!i.TryGetProperty(property.Name, out _))
                {
                    property.WriteTo(writer);
                }
            }

            foreach (var property in i.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return parsed.Own(JsonDocument.Parse(buffer.WrittenMemory));
    }

    private static string? OptionalString(JsonElement value, string path, string name) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw Bad(path + name, "must be a string"),
    };

    /// <summary>Ids are strings; numbers are accepted as their text (some clients send numeric user ids).</summary>
    private static string? OptionalId(JsonElement value, string path, string name) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null => null,
        _ => throw Bad(path + name, "must be a string"),
    };

    private static JsonElement? OptionalObject(JsonElement value, string path, string name) => value.ValueKind switch
    {
        JsonValueKind.Object => value,
        JsonValueKind.Null => null,
        _ => throw Bad(path + name, "must be a JSON object"),
    };

    private static DateTimeOffset? OptionalTime(JsonElement value, string path, string name) => value.ValueKind switch
    {
        JsonValueKind.String when value.TryGetDateTimeOffset(out var time) =>
            EnvelopeLimits.IsInTimeRange(time) ? time : throw Bad(path + name, EnvelopeLimits.TimeRangeReason),
        JsonValueKind.Null => null,
        _ => throw Bad(path + name, "must be an ISO 8601 date-time string"),
    };

    private static IngestRejectedException Bad(string field, string reason) => new(IngestError.BadRequest(field, reason));
}
