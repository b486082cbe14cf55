using System.Globalization;
using System.Text;

namespace Streaming.Bench.Ingest;

/// <summary>Realistic tracking bodies: a browser-like track call (about 470 bytes) and a batch of them.</summary>
internal static class Payloads
{
    public static string Event(int i, bool withType) =>
        "{" + (withType ? "\"type\":\"track\"," : "")
        + string.Create(CultureInfo.InvariantCulture, $"\"userId\":\"user-{i % 1000}\",\"anonymousId\":\"5d1c7a0e-3f2b-4c8e-9a71-{i:D12}\",")
        + string.Create(CultureInfo.InvariantCulture, $"\"event\":\"Product Viewed\",\"messageId\":\"bench-{i}-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\",")
        + "\"timestamp\":\"2026-11-22T03:00:00.000Z\","
        + string.Create(CultureInfo.InvariantCulture, $"\"properties\":{{\"product_id\":\"sku-{i % 97}\",\"category\":\"Games\",\"name\":\"Monopoly: 3rd Edition\",\"price\":19.99,\"currency\":\"USD\",\"position\":{i % 10}}},")
        + "\"context\":{\"ip\":\"203.0.113.7\",\"locale\":\"en-US\",\"page\":{\"path\":\"/products/monopoly\",\"url\":\"https://shop.example.com/products/monopoly\"},\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0\"}}";

    public static string Track() => Event(1, withType: false);

    public static string Batch(int events)
    {
        var body = new StringBuilder("{\"sentAt\":\"2026-11-22T03:00:01.000Z\",\"batch\":[");
        for (var i = 0; i < events; i++)
        {
            body.Append(i == 0 ? "" : ",").Append(Event(i, withType: true));
        }

        return body.Append("]}").ToString();
    }
}
