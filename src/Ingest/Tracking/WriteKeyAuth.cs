using System.Text;

namespace Streaming.Ingest.Tracking;

/// <summary>The write key of HTTP Basic auth: the user name, password empty (as Segment's clients send it).</summary>
internal static class WriteKeyAuth
{
    /// <summary>The key from an <c>Authorization: Basic</c> header; null when there is no Basic header.</summary>
    public static string? FromHeader(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        Span<byte> decoded = stackalloc byte[256];
        if (!Convert.TryFromBase64Chars(value.AsSpan(6).Trim(), decoded, out var written))
        {
            return "";
        }

        var text = decoded[..written];
        var colon = text.IndexOf((byte)':');
        return Encoding.UTF8.GetString(colon < 0 ? text : text[..colon]);
    }
}
