using System.Text.Json.Serialization.Metadata;

namespace Streaming.Platform.Contracts.Events;

/// <summary>One registered domain event: its stored name, its record type, and its generated JSON metadata.</summary>
public sealed record DomainEventType(string Name, Type ClrType, JsonTypeInfo JsonTypeInfo)
{
    public static DomainEventType Of<T>()
        where T : IDomainEvent =>
        new(T.TypeName, typeof(T), DomainEventSerializer.TypeInfo<T>());
}
