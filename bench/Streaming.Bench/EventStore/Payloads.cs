using System.Text.Json;

namespace Streaming.Bench.EventStore;

/// <summary>Segment-style track payloads of about 1 KB of JSON each.</summary>
internal static class Payloads
{
    public static string[] Create(int variants) =>
    [
        .. Enumerable.Range(0, variants).Select(v => JsonSerializer.Serialize(new
        {
            type = "track",
            @event = "Order Completed",
            messageId = Guid.NewGuid(),
            userId = $"user-{v}",
            anonymousId = Guid.NewGuid(),
            timestamp = "2026-11-22T03:00:00Z",
            context = new { ip = "203.0.113.7", locale = "en-US", userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", library = new { name = "analytics-node", version = "2.1.0" } },
            properties = new
            {
                orderId = $"order-{v}",
                total = 123.45 + v,
                currency = "EUR",
                coupon = "WINTER",
                products = Enumerable.Range(0, 4).Select(p => new { productId = $"sku-{v}-{p}", name = $"Product number {p} of variant {v}", price = 10.5 * (p + 1), quantity = p + 1, category = "Outdoor / Winter" }),
            },
            note = new string('x', 180 + v),
        }))
    ];
}
