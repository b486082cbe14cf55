namespace Streaming.Platform.Contracts;

/// <summary>The values of <see cref="EventEnvelope.Type"/> (the Segment spec's call types).</summary>
public static class EventTypes
{
    public const string Track = "track";
    public const string Identify = "identify";
    public const string Page = "page";
    public const string Screen = "screen";
    public const string Group = "group";
    public const string Alias = "alias";

    public static IReadOnlyList<string> All { get; } = [Track, Identify, Page, Screen, Group, Alias];

    /// <summary>The interned constant for a type name, or null when it is not one of <see cref="All"/>.</summary>
    public static string? Normalize(ReadOnlySpan<char> type) => type switch
    {
        Track => Track,
        Identify => Identify,
        Page => Page,
        Screen => Screen,
        Group => Group,
        Alias => Alias,
        _ => null,
    };
}
