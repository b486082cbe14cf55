using System.Diagnostics.CodeAnalysis;

namespace Streaming.Platform.Contracts.Events;

/// <summary>
/// Every domain event, name ⇄ record type: how the event store maps types, how the daemon and
/// GDPR turn a stored event back into a record, and (later) how GraphQL names them.
/// </summary>
public static class DomainEventRegistry
{
    private static readonly Dictionary<string, DomainEventType> ByName;
    private static readonly Dictionary<Type, DomainEventType> ByType;

    static DomainEventRegistry()
    {
        All =
        [
            DomainEventType.Of<ProfileActivityRecorded>(),
            DomainEventType.Of<ProfileIdentified>(),
            DomainEventType.Of<ProfileAliased>(),
            DomainEventType.Of<ProfileMerged>(),
            DomainEventType.Of<ProfileMergedInto>(),
            DomainEventType.Of<ProfileForgotten>(),
        ];
        ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);
        ByType = All.ToDictionary(t => t.ClrType);
    }

    public static IReadOnlyList<DomainEventType> All { get; }

    public static bool TryGet(string name, [NotNullWhen(true)] out DomainEventType? type) => ByName.TryGetValue(name, out type);

    public static bool TryGet(Type clrType, [NotNullWhen(true)] out DomainEventType? type) => ByType.TryGetValue(clrType, out type);

    /// <summary>The record stored as <paramref name="json"/> under <paramref name="name"/>, or null when the name is not a domain event.</summary>
    public static object? Deserialize(string name, string json) =>
        TryGet(name, out var type) ? DomainEventSerializer.Deserialize(json, type) : null;
}
