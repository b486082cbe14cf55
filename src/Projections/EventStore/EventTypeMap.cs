using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Streaming.Platform.Contracts.Events;

namespace Streaming.Projections.EventStore;

/// <summary>
/// Explicit CLR type ⇄ stored type-name mapping. Names are stored with each event, so renaming or
/// moving a class never orphans its events: only the mapping line changes. Every domain event of
/// <see cref="DomainEventRegistry"/> is mapped under its own type name.
/// </summary>
public sealed class EventTypeMap
{
    private readonly Dictionary<Type, string> _names;
    private readonly Dictionary<string, Type> _types;

    public EventTypeMap(IOptions<EventStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _names = new Dictionary<Type, string>(options.Value.EventTypes);
        foreach (var domain in DomainEventRegistry.All)
        {
            _names.TryAdd(domain.ClrType, domain.Name);
        }

        _types = [];
        foreach (var (type, name) in _names)
        {
            if (!_types.TryAdd(name, type))
            {
                throw new InvalidOperationException($"Event type name '{name}' is mapped to both {_types[name]} and {type}.");
            }
        }

        Json = options.Value.Json;
    }

    public JsonSerializerOptions Json { get; }

    /// <summary>The stored name of <paramref name="type"/>; throws when it is not mapped.</summary>
    public string NameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return _names.TryGetValue(type, out var name)
            ? name
            : throw new InvalidOperationException(
                $"Event type {type.FullName} has no stored name; map it with EventStoreOptions.MapEventType<{type.Name}>(\"name\").");
    }

    public bool TryGetType(string name, [NotNullWhen(true)] out Type? type) => _types.TryGetValue(name, out type);
}
