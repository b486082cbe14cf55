using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Confluent.Kafka;
using Streaming.Platform.Kafka;
using Streaming.TestSupport;
using Xunit.Abstractions;

namespace Streaming.Processors.Tests.Delivery;

/// <summary>
/// Large events against the embedded broker's retention (5 MiB of stored batches per partition,
/// the oldest dropped silently): one user's events all land on one partition, and nothing reads
/// it while the processors are stopped. Ingest's byte backpressure must keep every accepted event.
/// </summary>
public sealed class LargeEventsTests(ITestOutputHelper output)
{
    private const int Events = 400;
    private const int EventBytes = 30_000;

    [Fact]
    public async Task Four_hundred_30_KB_order_events_of_one_user_accepted_while_the_processors_are_stopped_are_all_stored_after_they_start()
    {
        await using var rig = await PipelineRig.CreateAsync();
        await using var edge = await IngestEdge.StartAsync(rig);
        using var http = Client(edge);
        var catalog = new OrderCatalog(seed: 7);

        // 12 MB of JSON on one partition: more than the broker keeps uncompressed, well within it as LZ4 batches.
        var accepted = new List<string>();
        for (var i = 0; i < Events; i++)
        {
            var messageId = $"large-order-{i}";
            using var response = await TrackAsync(http, messageId, "shopper-1", "Order Completed", catalog.Order(i, EventBytes));
            Assert.True(response.StatusCode == HttpStatusCode.OK,
                $"event {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            accepted.Add(messageId);
        }

        Assert.Equal(0, LowWatermarkSum(rig));
        await using var processors = await rig.StartInProcessAsync($"http://127.0.0.1:{FreePort.Next()}");

        await Eventually.Until(async () => await rig.ScalarAsync("select count(*) from cdp.profile_timeline") >= Events,
            TimeSpan.FromSeconds(120), $"all {Events} accepted events stored");
        await ReadModelCheck.AssertExactlyOnceAsync(rig, accepted);
        await processors.StopAsync();
    }

    [Fact]
    public async Task Incompressible_30_KB_events_of_one_user_are_stored_or_refused_never_lost()
    {
        await using var rig = await PipelineRig.CreateAsync();
        await using var edge = await IngestEdge.StartAsync(rig);
        using var http = Client(edge);
        var random = new Random(13);

        // Random bytes as base64: LZ4 finds nothing to shorten, so 400 of them overflow a partition.
        var accepted = new List<string>();
        var refused = 0;
        for (var i = 0; i < Events; i++)
        {
            var messageId = $"large-noise-{i}";
            var noise = new byte[(EventBytes - 100) * 3 / 4];
            random.NextBytes(noise);
            using var response = await TrackAsync(http, messageId, "shopper-2", "Noise Recorded", $$"""{"noise":"{{Convert.ToBase64String(noise)}}"}""");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                accepted.Add(messageId);
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Contains("overloaded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                refused++;
            }
        }

        output.WriteLine($"accepted {accepted.Count}, refused {refused}");
        Assert.True(refused > 0, "nothing was refused: the events never reached the broker's limit and the test proves nothing");
        Assert.Equal(0, LowWatermarkSum(rig));
        await using var processors = await rig.StartInProcessAsync($"http://127.0.0.1:{FreePort.Next()}");

        await Eventually.Until(async () => await rig.ScalarAsync("select count(*) from cdp.profile_timeline") >= accepted.Count,
            TimeSpan.FromSeconds(120), $"all {accepted.Count} accepted events stored");
        await ReadModelCheck.AssertExactlyOnceAsync(rig, accepted);
        await processors.StopAsync();
    }

    private static HttpClient Client(IngestEdge edge)
    {
        var http = new HttpClient { BaseAddress = edge.BaseAddress };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(IngestEdge.WriteKey + ":")));
        return http;
    }

    private static Task<HttpResponseMessage> TrackAsync(HttpClient http, string messageId, string userId, string eventName, string properties)
    {
        var body = $$"""{"type":"track","messageId":"{{messageId}}","userId":"{{userId}}","event":"{{eventName}}","properties":{{properties}}}""";
        return http.PostAsync(new Uri("/v1/track", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
    }

    /// <summary>The sum of the events topic's low watermarks: above zero once the broker dropped a record.</summary>
    private static long LowWatermarkSum(PipelineRig rig)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = rig.Broker.BootstrapServers,
            GroupId = "watermarks-" + Guid.NewGuid().ToString("N"),
        }).Build();
        return Enumerable.Range(0, Topics.Events.Partitions)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(Topics.Events.Name, p), TimeSpan.FromSeconds(10)).Low.Value);
    }

    /// <summary>Orders as a shop sends them: line items drawn from a catalog, every field different per item.</summary>
    private sealed class OrderCatalog(int seed)
    {
        private static readonly string[] Adjectives = ["Organic", "Classic", "Slim", "Vintage", "Everyday", "Premium", "Recycled", "Lightweight"];
        private static readonly string[] Products = ["Cotton T-Shirt", "Denim Jacket", "Running Shoe", "Wool Sweater", "Canvas Tote", "Rain Coat", "Leather Belt", "Linen Shirt"];
        private static readonly string[] Colors = ["Blue", "Black", "Olive", "Sand", "Red", "Grey", "White", "Navy"];
        private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL"];
        private static readonly string[] Categories = ["Apparel/Men/Shirts", "Apparel/Women/Jackets", "Shoes/Running", "Accessories/Bags", "Apparel/Kids"];
        private readonly Random _random = new(seed);

        public string Order(int n, int targetBytes)
        {
            var json = new StringBuilder(targetBytes + 512);
            json.Append(CultureInfo.InvariantCulture, $$"""{"order_id":"ord-{{n:D6}}-{{_random.Next(100_000, 999_999)}}","currency":"EUR","coupon":"SPRING{{_random.Next(10, 40)}}","products":[""");
            double total = 0;
            for (var position = 1; json.Length < targetBytes - 450; position++)
            {
                var sku = _random.Next(10_000, 99_999);
                var name = $"{Pick(Adjectives)} {Pick(Products)} - {Pick(Colors)} / {Pick(Sizes)}";
                var price = Math.Round(_random.NextDouble() * 180 + 5, 2);
                var quantity = _random.Next(1, 4);
                total += price * quantity;
                if (position > 1)
                {
                    json.Append(',');
                }

                json.Append(CultureInfo.InvariantCulture, $$"""{"product_id":"p-{{sku}}","sku":"SKU-{{sku}}-{{_random.Next(100, 999)}}","name":"{{name}}","category":"{{Pick(Categories)}}","brand":"Brand {{_random.Next(1, 60)}}","price":{{price}},"quantity":{{quantity}},"position":{{position}},"url":"https://shop.example.com/products/p-{{sku}}","image_url":"https://cdn.example.com/img/{{sku}}/{{_random.Next(1, 9)}}.jpg"}""");
            }

            json.Append(CultureInfo.InvariantCulture, $$"""],"total":{{Math.Round(total, 2)}},"shipping":4.95,"tax":{{Math.Round(total * 0.19, 2)}}}""");
            return json.ToString();
        }

        private string Pick(string[] values) => values[_random.Next(values.Length)];
    }
}
