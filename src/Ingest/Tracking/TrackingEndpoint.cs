using Microsoft.Extensions.Options;
using Streaming.Ingest.Producing;
using Streaming.Ingest.RateLimiting;
using Streaming.Ingest.Tenants;
using Streaming.Platform.Kafka.Backpressure;
using Streaming.Platform.Security.Authentication;

namespace Streaming.Ingest.Tracking;

/// <summary>
/// One Segment HTTP API call: authenticate, read and validate the whole body, take rate-limit
/// tokens, produce every event and answer 200 only once Kafka acknowledged all of them. Any
/// rejection happens before the first record is produced, so a rejected request produces nothing.
/// A request is refused before its body is read when its address made too many failed attempts
/// (429), when its header key is unknown (401), or when it has no header key and no small
/// declared length (401: only a small body is read to find a body <c>writeKey</c>).
/// </summary>
internal sealed class TrackingEndpoint(
    WriteKeyCache keys, TenantRateLimiter limiter, EventProducer producer, ConsumerLagMonitor lag, AuthFailureLimiter failures, IOptions<IngestOptions> options)
{
    private readonly IngestOptions _options = options.Value;

    /// <summary>Handles <c>/v1/{type}</c>, or <c>/v1/batch</c> when <paramref name="type"/> is null.</summary>
    public async Task HandleAsync(HttpContext context, string? type)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var request = context.Request;
        var response = context.Response;

        var address = context.Connection.RemoteIpAddress;
        if (failures.RetryAfterSeconds(address) is > 0 and var wait)
        {
            await TrackingResponses.WriteTooManyFailuresAsync(response, wait);
            return;
        }

        var headerKey = WriteKeyAuth.FromHeader(request);
        WriteKeyRecord? key = null;
        if (headerKey is not null && (key = keys.Find(headerKey)) is null)
        {
            failures.RecordFailure(address);
            await TrackingResponses.WriteUnauthorizedAsync(response, "unknown or revoked write key");
            return;
        }

        if (headerKey is null && !(request.ContentLength is { } declared && declared <= _options.MaxUnauthenticatedBodyBytes))
        {
            await TrackingResponses.WriteUnauthorizedAsync(response,
                $"a write key is required in the Authorization header (HTTP Basic user name); a body \"writeKey\" is only read from a body with a Content-Length of at most {_options.MaxUnauthenticatedBodyBytes} bytes");
            return;
        }

        try
        {
            var limit = type is null ? _options.MaxBatchBytes : _options.MaxEventBytes;
            if (key is null)
            {
                limit = Math.Min(limit, _options.MaxUnauthenticatedBodyBytes);
            }

            using var body = await RequestBody.ReadAsync(request, limit, context.RequestAborted);
            using var parsed = EventParser.Open(body.Memory);
            if (key is null)
            {
                if (string.IsNullOrEmpty(parsed.WriteKey))
                {
                    await TrackingResponses.WriteUnauthorizedAsync(response, "a write key is required (HTTP Basic user name or \"writeKey\")");
                    return;
                }

                if ((key = keys.Find(parsed.WriteKey)) is null)
                {
                    failures.RecordFailure(address);
                    await TrackingResponses.WriteUnauthorizedAsync(response, "unknown or revoked write key");
                    return;
                }
            }

            EventParser.ReadEvents(parsed, type, key.TenantId, receivedAt, _options.MaxEventBytes);
            if (parsed.Events.Count == 0)
            {
                await TrackingResponses.WriteSuccessAsync(response);
                return;
            }

            if (lag.ShouldThrottle)
            {
                await TrackingResponses.WriteOverloadedAsync(response, lag.RetryAfter);
                return;
            }

            if (parsed.Events.Count > key.Burst)
            {
                // It could never fit the bucket: a 429 would have the client retry forever.
                await TrackingResponses.WriteExceedsBurstAsync(response, parsed.Events.Count, key.Burst);
                return;
            }

            var decision = limiter.TryTake(key.TenantId, parsed.Events.Count, key.EventsPerSecond, key.Burst);
            if (!decision.Allowed)
            {
                await TrackingResponses.WriteRateLimitedAsync(response, decision);
                return;
            }

            var outcome = await producer.ProduceAsync(
                parsed.Events, key.KeyUtf8, RecordHeaders.TraceParent(context), context.RequestAborted);
            if (outcome == DeliveryOutcome.Acknowledged)
            {
                await TrackingResponses.WriteSuccessAsync(response);
            }
            else
            {
                // The client retries the whole request: the tokens of this attempt are not spent.
                limiter.Return(key.TenantId, parsed.Events.Count, key.Burst);
                await TrackingResponses.WriteUnavailableAsync(response);
            }
        }
        catch (IngestRejectedException rejected)
        {
            await TrackingResponses.WriteRejectedAsync(response, rejected.Error);
        }
    }
}
