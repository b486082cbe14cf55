using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Streaming.Processors.Tests.Delivery;

/// <summary>
/// What a Segment analytics library does with a batch: POST <c>/v1/batch</c> with the write key as
/// the HTTP Basic user name; on 503 (ingest backpressure) or 429 (rate limit) wait Retry-After and
/// send the same events again (same messageIds, so ingest and the processors may see them twice).
/// Any other answer than 200 is a bug in the system under test and fails the caller.
/// </summary>
public sealed class SegmentBatchClient(HttpClient http, string writeKey)
{
    private readonly AuthenticationHeaderValue _authorization =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));

    private long _resends;

    /// <summary>How many times a batch was sent again after a 503 or 429.</summary>
    public long Resends => Interlocked.Read(ref _resends);

    /// <summary>Sends until the batch is answered 200: from then on every event in it counts as accepted.</summary>
    public async Task SendAsync(IReadOnlyList<SegmentItem> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var response = await PostAsync(batch, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests))
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new InvalidOperationException($"POST /v1/batch answered {(int)response.StatusCode}: {body}");
            }

            Interlocked.Increment(ref _resends);
            await Task.Delay(RetryAfter(response), cancellationToken);
        }
    }

    /// <summary>True when ingest answers an empty batch with 200 (it knows the write key).</summary>
    public async Task<bool> ProbeAsync()
    {
        using var response = await PostAsync([], CancellationToken.None);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        Assert.True(response.Headers.RetryAfter?.Delta is not null, $"{(int)response.StatusCode} without Retry-After seconds");
        return response.Headers.RetryAfter!.Delta!.Value;
    }

    private async Task<HttpResponseMessage> PostAsync(IReadOnlyList<SegmentItem> batch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/batch") { Content = Body(batch) };
        request.Headers.Authorization = _authorization;
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary><c>{"sentAt":...,"batch":[...]}</c>; sentAt is the moment of this attempt, as libraries set it per send.</summary>
    private static ByteArrayContent Body(IReadOnlyList<SegmentItem> batch)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + batch.Sum(i => i.Json.Length + 1));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("sentAt"u8, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteStartArray("batch"u8);
            foreach (var item in batch)
            {
                writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenMemory.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
