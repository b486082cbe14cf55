using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Producing;
using Streaming.Ingest.RateLimiting;
using Streaming.Ingest.Tenants;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka.Backpressure;
using Streaming.Platform.Security.Secrets;

namespace Streaming.Ingest.Email;

/// <summary>
/// <c>GET /v1/email/open/{token}</c> (a 1x1 GIF) and <c>GET /v1/email/click/{token}</c> (a 302 to
/// the signed link). Each valid hit is recorded as a track event on <c>cdp.events</c>:
/// <c>Email Opened</c> or <c>Email Link Clicked</c>, userId = the token's profile, properties
/// <c>emailMessageId</c>, <c>url</c> (clicks), <c>classification</c> (human, privacy_proxy, bot) and
/// <c>agent</c>. A tampered or expired token records nothing; a click never redirects anywhere but the
/// signed URL. Hits pass the tenant's rate limit and the backpressure check like tracking calls;
/// an open that could not be recorded answers 503 (the pixel is invisible either way, and the mail
/// client may fetch again), a click still redirects (the person's link must work) and is counted
/// as lost in the log.
/// </summary>
internal sealed partial class EmailTrackingEndpoints(
    WriteKeyCache keys,
    EventProducer producer,
    TenantRateLimiter limiter,
    ConsumerLagMonitor lag,
    OpenClassifier classifier,
    ServerSecrets secrets,
    IOptions<IngestOptions> options,
    TimeProvider clock,
    ILogger<EmailTrackingEndpoints> logger)
{
    public const string OpenedEvent = "Email Opened";
    public const string ClickedEvent = "Email Link Clicked";

    // The smallest transparent GIF (43 bytes).
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private readonly byte[]? _configuredSecret = options.Value.EmailTokenSecret is { } configured ? Encoding.UTF8.GetBytes(configured) : null;

    public async Task OpenAsync(HttpContext context, string token)
    {
        var now = clock.GetUtcNow();
        var secret = await SecretAsync(context.RequestAborted);
        if (EmailTrackingToken.TryVerify(secret, token, now, out var claims) && claims!.Url is null
            && !await RecordAsync(context, claims, OpenedEvent, now))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
        }

        // The pixel, also for a bad token: a broken image tells nobody anything, and a bad token gets no hint.
        context.Response.ContentType = "image/gif";
        context.Response.Headers.CacheControl = "no-store, no-cache, must-revalidate, private";
        await context.Response.Body.WriteAsync(Pixel, context.RequestAborted);
    }

    public async Task ClickAsync(HttpContext context, string token)
    {
        var now = clock.GetUtcNow();
        var secret = await SecretAsync(context.RequestAborted);
        if (!EmailTrackingToken.TryVerify(secret, token, now, out var claims)
            || !Uri.TryCreate(claims!.Url, UriKind.Absolute, out var target)
            || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("This link is invalid or has expired.", context.RequestAborted);
            return;
        }

        if (!await RecordAsync(context, claims, ClickedEvent, now))
        {
            LogClickNotRecorded(logger, claims.Tenant, claims.MessageId);
        }

        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = target.AbsoluteUri;
        context.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>The configured secret, or the one kept in the database.</summary>
    private async ValueTask<byte[]> SecretAsync(CancellationToken cancellationToken) =>
        _configuredSecret ?? await secrets.GetAsync(ServerSecrets.EmailTokens, cancellationToken);

    /// <summary>
    /// Produces the event and waits for the acknowledgement (bounded). False when it was not
    /// recorded: the tenant has no active write key, is over its rate limit, the processors lag, or
    /// Kafka did not acknowledge (then the tokens are given back).
    /// </summary>
    private async Task<bool> RecordAsync(HttpContext context, EmailTrackingClaims claims, string eventName, DateTimeOffset now)
    {
        var key = keys.FindByTenant(claims.Tenant);
        if (key is null || lag.ShouldThrottle || !limiter.TryTake(key.TenantId, 1, key.EventsPerSecond, key.Burst).Allowed)
        {
            return false;
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
        var outcome = await producer.ProduceAsync([envelope], key.KeyUtf8, RecordHeaders.TraceParent(context), context.RequestAborted);
        if (outcome != DeliveryOutcome.Acknowledged)
        {
            limiter.Return(key.TenantId, 1, key.Burst);
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email click of tenant {Tenant}, message {MessageId} was not recorded (rate limit, backpressure or Kafka); the visitor was redirected")]
    private static partial void LogClickNotRecorded(ILogger logger, string tenant, string messageId);
}
