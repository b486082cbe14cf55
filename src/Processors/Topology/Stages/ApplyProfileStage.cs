using System.Buffers;
using System.Text;
using System.Text.Json;
using Streaming.Processors.Identity;
using Streaming.Processors.Model;
using Streaming.Processors.Profiles;

namespace Streaming.Processors.Topology.Stages;

/// <summary>
/// Stage "apply-profile": folds the message into its profile (counters, first and last seen,
/// trait operations per <see cref="TraitOperations"/>), appends one event to the profile stream
/// and one row to the timeline. Group traits describe the account, not the person, so they are
/// recorded on the timeline but not applied to the profile's traits.
/// </summary>
public sealed class ApplyProfileStage : IProfileStage
{
    public const string StageName = "apply-profile";

    public string Name => StageName;

    public StageReads Reads => StageReads.Profiles;

    public StageEmits Emits => StageEmits.DomainEvents | StageEmits.ReadModelWrites;

    public void Apply(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Apply(context.Message, context.RequireProfile(), context.Linked, context.Batch);
    }

    public static void Apply(InboundEvent message, ProfileState profile, IReadOnlyCollection<Identifier> linked, BatchState batch)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(batch);
        profile.EventCount++;
        switch (message.Kind)
        {
            case EventKind.Track:
                profile.TrackCount++;
                break;
            case EventKind.Page or EventKind.Screen:
                profile.PageCount++;
                break;
            case EventKind.Identify:
                profile.IdentifyCount++;
                break;
        }

        if (message.Timestamp < profile.FirstSeen || profile.FirstSeen == default)
        {
            profile.FirstSeen = message.Timestamp;
        }

        if (message.Timestamp > profile.LastSeen)
        {
            profile.LastSeen = message.Timestamp;
        }

        var operations = TraitOperations.From(message.Kind == EventKind.Identify ? message.Traits : null, message.Properties);
        operations.ApplyTo(profile.Traits);

        // The properties are serialized once: the same text goes into the event and the timeline row.
        var propertiesJson = message.Properties?.ToJsonString();
        var data = EventData(message, propertiesJson, operations, linked);

        var type = message.Kind switch
        {
            EventKind.Identify => ProfileEventTypes.Identified,
            EventKind.Alias => ProfileEventTypes.Aliased,
            _ => ProfileEventTypes.ActivityRecorded,
        };
        batch.AddEvent(profile, message.MessageId, type, data, message.Timestamp);
        batch.Changes.Timeline.Add(new TimelineEntry(
            message.TenantId, profile.Id, message.MessageId, message.Kind, message.Name,
            message.Kind is EventKind.Identify or EventKind.Group ? message.Traits?.ToJsonString() : propertiesJson,
            message.Timestamp, message.ReceivedAt));
        batch.Changes.Messages.Add(new ProcessedMessage(message.TenantId, message.MessageId, profile.Id));
    }

    /// <summary>The event's data, written straight to JSON text (no intermediate tree, no copy of the properties).</summary>
    private static string EventData(InboundEvent message, string? propertiesJson, TraitOperations operations, IReadOnlyCollection<Identifier> linked)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (propertiesJson?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("messageId", message.MessageId);
            writer.WriteString("type", message.Kind.ToString().ToLowerInvariant());
            writer.WriteString("timestamp", message.Timestamp);
            writer.WriteString("receivedAt", message.ReceivedAt);
            if (message.Name is not null)
            {
                writer.WriteString("name", message.Name);
            }

            if (propertiesJson is not null)
            {
                writer.WritePropertyName("properties");
                writer.WriteRawValue(propertiesJson, skipInputValidation: true);
            }

            if (!operations.IsEmpty)
            {
                writer.WritePropertyName("traits");
                operations.ToJson().WriteTo(writer);
            }

            if (message.Kind == EventKind.Alias)
            {
                writer.WriteString("previousId", message.PreviousId);
                writer.WriteString("userId", message.UserId);
            }

            if (linked.Count > 0)
            {
                writer.WritePropertyName("linked");
                ResolveIdentityStage.IdentifiersJson(linked).WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
