namespace Streaming.Processors.Identity;

/// <summary>
/// Values that SDKs and broken integrations send when they have no real identifier. Two people who
/// both "have" such a value are not the same person, so a junk value never resolves, links or
/// merges anything: without this guard one <c>"undefined"</c> chains every visitor into one profile.
/// </summary>
public static class JunkIdentifiers
{
    private static readonly HashSet<string> Junk = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "undefined", "null", "nil", "none", "nan", "anonymous", "anon", "unknown", "guest", "user",
        "0", "-1", "1", "true", "false", "[object object]", "n/a", "na", "-", "test", "email", "phone",
        "00000000-0000-0000-0000-000000000000", "noemail@example.com", "test@test.com",
    };

    public static bool IsJunk(string? value) => value is null || Junk.Contains(value.Trim());
}
