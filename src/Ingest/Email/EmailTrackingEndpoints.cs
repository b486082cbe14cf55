using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Producing;
using Streaming.Ingest.Tenants;
using Streaming.Platform.Contracts;

namespace Streaming.Ingest.Email;

/// <summary>
/// <c>GET /v1/email/open/{token}</c> (a 1x1 GIF) and <c>GET /v1/email/click/{token}</c> (a 302 to
/// the signed link). Each valid hit is recorded as a track event on <c>cdp.events</c>:
/// <c>Email Opened</c> or <c>Email Link Clicked</c>, userId = the token's profile, properties
/// <c>emailMessageId</c>, <c>url</c> (clicks), <c>classification</c> (human, privacy_proxy, bot) and
/// <c>agent</c>. A tampered or expired token records nothing; a click never redirects anywhere but the
/// signed URL.
/// </summary>
internal sealed class EmailTrackingEndpoints(
    WriteKeyCache keys, EventProducer producer, OpenClassifier classifier, IOptions<IngestOptions> options, TimeProvider clock)
{
    public const string OpenedEvent = "Email Opened";
    public const string ClickedEvent = "Email Link Clicked";

    // The smallest transparent GIF (43 bytes).
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.EmailTokenSecret);

    public async Task OpenAsync(HttpContext context, string token)
    {
        var now = clock.GetUtcNow();
        if (EmailTrackingToken.TryVerify(_secret, token, now, out var claims) && claims!.Url is null)
        {
            await RecordAsync(context, claims, OpenedEvent, now);
        }

        // Always the pixel: a broken image tells nobody anything, and a bad token gets no hint.
        context.Response.ContentType = "image/gif";
        context.Response.Headers.CacheControl = "no-store, no-cache, must-revalidate, private";
        await context.Response.Body.WriteAsync(Pixel, context.RequestAborted);
    }

    public async Task ClickAsync(HttpContext context, string token)
    {
        var now = clock.GetUtcNow();
        if (!EmailTrackingToken.TryVerify(_secret, token, now, out var claims)
            || !Uri.TryCreate(claims!.Url, UriKind.Absolute, out var target)
            || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("This link is invalid or has expired.", context.RequestAborted);
            return;
        }

        await RecordAsync(context, claims, ClickedEvent, now);
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = target.AbsoluteUri;
        context.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>Produces the event and waits for the acknowledgement (bounded); the visitor gets the pixel or redirect either way.</summary>
    private async Task RecordAsync(HttpContext context, EmailTrackingClaims claims, string eventName, DateTimeOffset now)
    {
        var key = keys.FindByTenant(claims.Tenant);
        if (key is null)
        {
            return;
        }

        var userAgent = context.Request.Headers.UserAgent.ToString();
        var remote = context.Connection.RemoteIpAddress;
        var classification = classifier.Classify(userAgent, remote);
        using var properties = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
        {
            ["emailMessageId"] = claims.MessageId,
            ["url"] = claims.Url,
            ["classification"] = classification.Kind,
            ["agent"] = classification.Agent,
        }));
        using var eventContext = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
        {
            ["ip"] = remote?.ToString(),
            ["userAgent"] = userAgent,
        }));
        var envelope = new EventEnvelope
        {
            Tenant = claims.Tenant,
            MessageId = Guid.NewGuid().ToString(),
            Type = EventTypes.Track,
            UserId = claims.ProfileId,
            Event = eventName,
            Properties = properties.RootElement,
            Context = eventContext.RootElement,
            Timestamp = now,
            ReceivedAt = now,
        };
        await producer.ProduceAsync([envelope], key.KeyUtf8, RecordHeaders.TraceParent(context), context.RequestAborted);
    }
}
