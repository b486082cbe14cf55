using System.Text.Json.Nodes;
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
public sealed class ApplyProfileStage
{
    public const string Name = "apply-profile";

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

        var data = new JsonObject
        {
            ["messageId"] = message.MessageId,
            ["type"] = message.Kind.ToString().ToLowerInvariant(),
            ["timestamp"] = message.Timestamp,
            ["receivedAt"] = message.ReceivedAt,
        };
        if (message.Name is not null)
        {
            data["name"] = message.Name;
        }

        if (message.Properties is not null)
        {
            data["properties"] = message.Properties.DeepClone();
        }

        if (!operations.IsEmpty)
        {
            data["traits"] = operations.ToJson();
        }

        if (message.Kind == EventKind.Alias)
        {
            data["previousId"] = message.PreviousId;
            data["userId"] = message.UserId;
        }

        if (linked.Count > 0)
        {
            data["linked"] = ResolveIdentityStage.IdentifiersJson(linked);
        }

        var type = message.Kind switch
        {
            EventKind.Identify => ProfileEventTypes.Identified,
            EventKind.Alias => ProfileEventTypes.Aliased,
            _ => ProfileEventTypes.ActivityRecorded,
        };
        batch.AddEvent(profile, message.MessageId, type, data, message.Timestamp);
        batch.Changes.Timeline.Add(new TimelineEntry(
            message.TenantId, profile.Id, message.MessageId, message.Kind, message.Name,
            (message.Kind == EventKind.Identify || message.Kind == EventKind.Group ? message.Traits : message.Properties)?.ToJsonString(),
            message.Timestamp, message.ReceivedAt));
        batch.Changes.Messages.Add(new ProcessedMessage(message.TenantId, message.MessageId, profile.Id));
    }
}
