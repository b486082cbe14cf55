using Microsoft.Extensions.Options;
using Streaming.Ingest.Producing;
using Streaming.Ingest.RateLimiting;
using Streaming.Ingest.Tenants;
using Streaming.Platform.Kafka.Backpressure;

namespace Streaming.Ingest.Tracking;

/// <summary>
/// One Segment HTTP API call: authenticate, read and validate the whole body, take rate-limit
/// tokens, produce every event and answer 200 only once Kafka acknowledged all of them. Any
/// rejection happens before the first record is produced, so a rejected request produces nothing.
/// </summary>
internal sealed class TrackingEndpoint(
    WriteKeyCache keys, TenantRateLimiter limiter, EventProducer producer, ConsumerLagMonitor lag, IOptions<IngestOptions> options)
{
    private readonly IngestOptions _options = options.Value;

    /// <summary>Handles <c>/v1/{type}</c>, or <c>/v1/batch</c> when <paramref name="type"/> is null.</summary>
    public async Task HandleAsync(HttpContext context, string? type)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var request = context.Request;
        var response = context.Response;

        var headerKey = WriteKeyAuth.FromHeader(request);
        WriteKeyRecord? key = null;
        if (headerKey is not null && (key = keys.Find(headerKey)) is null)
        {
            await TrackingResponses.WriteUnauthorizedAsync(response, "unknown or revoked write key");
            return;
        }

        try
        {
            var limit = type is null ? _options.MaxBatchBytes : _options.MaxEventBytes;
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
                await TrackingResponses.WriteUnavailableAsync(response);
            }
        }
        catch (IngestRejectedException rejected)
        {
            await TrackingResponses.WriteRejectedAsync(response, rejected.Error);
        }
    }
}
