using System.Globalization;
using System.Text.Json;
using Streaming.Ingest.RateLimiting;

namespace Streaming.Ingest.Tracking;

/// <summary>The bodies and headers the tracking API answers with.</summary>
internal static class TrackingResponses
{
    private static readonly byte[] Success = """{"success":true}"""u8.ToArray();

    public static Task WriteSuccessAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = Success.Length;
        return response.Body.WriteAsync(Success).AsTask();
    }

    /// <summary><c>{"success":false,"error":"...","field":"...","reason":"..."}</c>.</summary>
    public static async Task WriteErrorAsync(HttpResponse response, int status, string error, string field, string reason)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success"u8, false);
            writer.WriteString("error"u8, error);
            writer.WriteString("field"u8, field);
            writer.WriteString("reason"u8, reason);
            writer.WriteEndObject();
        }

        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    public static Task WriteRejectedAsync(HttpResponse response, IngestError error) =>
        WriteErrorAsync(response, error.Status, error.Status == StatusCodes.Status413PayloadTooLarge ? "too_large" : "invalid_request", error.Field, error.Reason);

    public static Task WriteUnauthorizedAsync(HttpResponse response, string reason)
    {
        response.Headers.WWWAuthenticate = "Basic realm=\"write key\"";
        return WriteErrorAsync(response, StatusCodes.Status401Unauthorized, "unauthorized", "writeKey", reason);
    }

    public static Task WriteRateLimitedAsync(HttpResponse response, RateDecision decision)
    {
        var retry = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.RetryAfter = retry;
        response.Headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Reset"] = retry;
        return WriteErrorAsync(response, StatusCodes.Status429TooManyRequests, "rate_limited", "writeKey",
            $"the tenant's limit of {decision.Limit} events/s is exhausted; retry after {retry} s");
    }

    /// <summary>413: more events in one request than the tenant's whole burst, so no retry could ever succeed.</summary>
    public static Task WriteExceedsBurstAsync(HttpResponse response, int events, int burst) =>
        WriteErrorAsync(response, StatusCodes.Status413PayloadTooLarge, "exceeds_burst", "batch",
            $"{events} events exceed the tenant's burst of {burst}; split the batch");

    /// <summary>429 before anything is read: the client address made too many failed authentications.</summary>
    public static Task WriteTooManyFailuresAsync(HttpResponse response, int retryAfterSeconds)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteErrorAsync(response, StatusCodes.Status429TooManyRequests, "too_many_failed_authentications", "writeKey",
            $"too many requests with unknown keys from this address; retry after {retryAfterSeconds} s");
    }

    /// <summary>503 while the processors lag too far behind (embedded-mode backpressure): nothing was produced.</summary>
    public static Task WriteOverloadedAsync(HttpResponse response, TimeSpan retryAfter)
    {
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return WriteErrorAsync(response, StatusCodes.Status503ServiceUnavailable, "overloaded", "body",
            "the event processors are behind; nothing was accepted, retry the request");
    }

    public static Task WriteUnavailableAsync(HttpResponse response)
    {
        response.Headers.RetryAfter = "1";
        return WriteErrorAsync(response, StatusCodes.Status503ServiceUnavailable, "unavailable", "body",
            "Kafka did not acknowledge every event; nothing was accepted, retry the request");
    }
}
