using System.Net;
using System.Text.Json;
using Streaming.Host;
using Streaming.TestSupport;

namespace Streaming.Platform.Tests.Hosting;

public sealed class AllInOneHostTests
{
    [Fact]
    public async Task The_all_in_one_host_is_live_and_ready_with_postgres_and_the_embedded_broker()
    {
        await using var database = await TestDatabase.CreateAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var app = AllInOne.Create(["--urls", url, $"--ConnectionStrings:Postgres={database.ConnectionString}"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        var kafka = body.RootElement.GetProperty("checks").GetProperty("kafka");
        Assert.Equal("Healthy", kafka.GetProperty("status").GetString());
        Assert.StartsWith("127.0.0.1:", kafka.GetProperty("data").GetProperty("bootstrapServers").GetString(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task Readiness_names_postgres_while_the_database_is_down_and_recovers_when_it_is_back()
    {
        await using var server = await PrivatePostgresServer.StartAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var app = AllInOne.Create(["--urls", url, $"--ConnectionStrings:Postgres={server.ConnectionString};Timeout=3"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);

        await server.StopAsync();
        var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using (var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()))
        {
            var postgres = body.RootElement.GetProperty("checks").GetProperty("postgres");
            Assert.Equal("Unhealthy", postgres.GetProperty("status").GetString());
            Assert.Contains("PostgreSQL is not reachable", postgres.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("kafka").GetProperty("status").GetString());
        }

        await server.StartAgainAsync();
        await Eventually.Until(
            async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "readiness once PostgreSQL is back");
        await app.StopAsync();
    }
}
