using System.Text;
using System.Text.Json.Nodes;
using Streaming.Processors.Model;

namespace Streaming.Processors.Identity;

/// <summary>
/// The identifiers a message carries, normalised (emails lower-cased, phones reduced to + and
/// digits) and with junk values dropped. userId comes first: it is the strongest claim.
/// </summary>
public static class IdentifierExtractor
{
    public static List<Identifier> Extract(InboundEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var ids = new List<Identifier>(4);
        Add(ids, IdentifierKind.UserId, message.UserId);
        Add(ids, IdentifierKind.AnonymousId, message.AnonymousId);
        if (message.Traits is { } traits)
        {
            Add(ids, IdentifierKind.Email, NormaliseEmail(StringOf(traits["email"])));
            Add(ids, IdentifierKind.Phone, NormalisePhone(StringOf(traits["phone"])));
        }

        return ids;
    }

    /// <summary>Normalises a value of the given kind, or returns null when it is junk.</summary>
    public static Identifier? Normalise(IdentifierKind kind, string? value)
    {
        var normal = kind switch
        {
            IdentifierKind.Email => NormaliseEmail(value),
            IdentifierKind.Phone => NormalisePhone(value),
            _ => value?.Trim(),
        };
        return JunkIdentifiers.IsJunk(normal) ? null : new Identifier(kind, normal!);
    }

    private static void Add(List<Identifier> ids, IdentifierKind kind, string? value)
    {
        if (Normalise(kind, value) is { } id)
        {
            ids.Add(id);
        }
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? NormaliseEmail(string? email)
    {
        var trimmed = email?.Trim().ToLowerInvariant();
        return trimmed is { Length: > 2 } && trimmed.IndexOf('@', StringComparison.Ordinal) > 0 ? trimmed : null;
    }

    private static string? NormalisePhone(string? phone)
    {
        if (phone is null)
        {
            return null;
        }

        var digits = new StringBuilder(phone.Length);
        foreach (var c in phone.Trim())
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
            {
                digits.Append(c);
            }
        }

        // Fewer than 6 digits is a placeholder ("0", "000"), not a phone number.
        return digits.Length >= 6 ? digits.ToString() : null;
    }
}
