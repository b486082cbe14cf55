using Streaming.Platform.Contracts.Events;
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
        AddEvent(message, profile, propertiesJson, operations, linked, batch);
        batch.Changes.Timeline.Add(new TimelineEntry(
            message.TenantId, profile.Id, message.MessageId, message.Kind, message.Name,
            message.Kind is EventKind.Identify or EventKind.Group ? message.Traits?.ToJsonString() : propertiesJson,
            message.Timestamp, message.ReceivedAt));
        batch.Changes.Messages.Add(new ProcessedMessage(message.TenantId, message.MessageId, profile.Id));
    }

    /// <summary>The message's event on the profile stream: one record per call kind, the properties' text written as is.</summary>
    private static void AddEvent(
        InboundEvent message, ProfileState profile, string? propertiesJson, TraitOperations operations,
        IReadOnlyCollection<Identifier> linked, BatchState batch)
    {
        var properties = propertiesJson is null ? null : new RawJson(propertiesJson);
        var traits = operations.IsEmpty
            ? null
            : new ProfileTraitChanges(new RawJson(operations.Set.ToJsonString()), new RawJson(operations.SetOnce.ToJsonString()), operations.Unset);
        var linkedIds = linked.Count > 0 ? ResolveIdentityStage.EventIdentifiers(linked) : null;
        switch (message.Kind)
        {
            case EventKind.Identify:
                batch.AddEvent(profile, message.MessageId, new ProfileIdentified(
                    message.MessageId, ProfileIdentified.IdentifyCall, message.Timestamp, message.ReceivedAt, properties, traits, linkedIds), message.Timestamp);
                break;
            case EventKind.Alias:
                batch.AddEvent(profile, message.MessageId, new ProfileAliased(
                    message.MessageId, ProfileAliased.AliasCall, message.Timestamp, message.ReceivedAt, properties, traits,
                    message.PreviousId, message.UserId, linkedIds), message.Timestamp);
                break;
            default:
                batch.AddEvent(profile, message.MessageId, new ProfileActivityRecorded(
                    message.MessageId, CallName(message.Kind), message.Timestamp, message.ReceivedAt, message.Name, properties, traits, linkedIds), message.Timestamp);
                break;
        }
    }

    private static string CallName(EventKind kind) => kind switch
    {
        EventKind.Track => "track",
        EventKind.Page => "page",
        EventKind.Screen => "screen",
        EventKind.Group => "group",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
