namespace Streaming.Platform.Contracts.Events;

/// <summary>An identifier a profile holds: <c>{"type":"email","value":"ann@example.com"}</c>.</summary>
/// <param name="Type">userId, anonymousId, email or phone.</param>
/// <param name="Value">The normalised value (email lower-cased, phone as + and digits).</param>
public sealed record ProfileIdentifier(string Type, string Value);
