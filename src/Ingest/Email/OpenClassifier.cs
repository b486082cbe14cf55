using System.Net;

namespace Streaming.Ingest.Email;

/// <summary>Who fetched a pixel or followed a link: a person, a privacy proxy prefetching, or a bot.</summary>
internal readonly record struct OpenClassification(string Kind, string? Agent)
{
    public const string Human = "human";
    public const string PrivacyProxy = "privacy_proxy";
    public const string Bot = "bot";
}

/// <summary>
/// Tells proxy and bot fetches from people by user agent and source network. Apple Mail Privacy
/// Protection prefetches every image through Apple's proxies (source in <see cref="IngestOptions.PrivacyProxyNetworks"/>,
/// user agent a bare <c>Mozilla/5.0</c>); Gmail and Yahoo fetch through image proxies that say so in
/// the user agent; security scanners and crawlers name themselves or send no user agent.
/// </summary>
internal sealed class OpenClassifier
{
    private static readonly (string Marker, string Agent)[] Proxies =
    [
        ("GoogleImageProxy", "gmail_image_proxy"),
        ("YahooMailProxy", "yahoo_mail_proxy"),
        ("Outlook-iOS-Android", "outlook_proxy"),
    ];

    private static readonly string[] BotMarkers =
    [
        "bot", "crawler", "spider", "preview", "scanner", "Barracuda", "Mimecast", "Proofpoint", "ZScaler",
        "curl/", "Wget", "python-requests", "HeadlessChrome", "facebookexternalhit", "Slackbot",
    ];

    private readonly List<(IPNetwork Network, string Agent)> _networks;

    public OpenClassifier(IEnumerable<string> privacyProxyNetworks) =>
        _networks = privacyProxyNetworks.Select(n => (IPNetwork.Parse(n), "apple_mail_privacy_protection")).ToList();

    public OpenClassification Classify(string? userAgent, IPAddress? remote)
    {
        if (remote is not null)
        {
            var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
            foreach (var (network, agent) in _networks)
            {
                if (network.Contains(address))
                {
                    return new OpenClassification(OpenClassification.PrivacyProxy, agent);
                }
            }
        }

        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return new OpenClassification(OpenClassification.Bot, "no_user_agent");
        }

        foreach (var (marker, agent) in Proxies)
        {
            if (userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return new OpenClassification(OpenClassification.PrivacyProxy, agent);
            }
        }

        if (userAgent.Trim() == "Mozilla/5.0")
        {
            return new OpenClassification(OpenClassification.PrivacyProxy, "apple_mail_privacy_protection");
        }

        foreach (var marker in BotMarkers)
        {
            if (userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return new OpenClassification(OpenClassification.Bot, marker.TrimEnd('/').ToLowerInvariant());
            }
        }

        return new OpenClassification(OpenClassification.Human, null);
    }
}
