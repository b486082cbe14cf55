namespace Streaming.Processors.Identity;

/// <summary>The identifier types a profile can be found by.</summary>
public enum IdentifierKind
{
    AnonymousId,
    UserId,
    Email,
    Phone,
}

/// <summary>One normalised identifier of a person, e.g. (Email, "ann@example.com").</summary>
public readonly record struct Identifier(IdentifierKind Kind, string Value)
{
    public static string KindName(IdentifierKind kind) => kind switch
    {
        IdentifierKind.AnonymousId => "anonymousId",
        IdentifierKind.UserId => "userId",
        IdentifierKind.Email => "email",
        IdentifierKind.Phone => "phone",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseKind(string name, out IdentifierKind kind)
    {
        switch (name)
        {
            case "anonymousId": kind = IdentifierKind.AnonymousId; return true;
            case "userId": kind = IdentifierKind.UserId; return true;
            case "email": kind = IdentifierKind.Email; return true;
            case "phone": kind = IdentifierKind.Phone; return true;
            default: kind = default; return false;
        }
    }

    public override string ToString() => $"{KindName(Kind)}:{Value}";
}
