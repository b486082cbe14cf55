using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Streaming.Host;
using Streaming.Ingest;
using Streaming.Platform.Hosting;
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
    public async Task Readiness_fails_and_names_postgres_when_the_database_is_unreachable()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateBuilder(["--urls", url,
            $"--ConnectionStrings:Postgres=Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Timeout=2"]);
        builder.AddIngest();
        await using var app = builder.Build();
        app.MapPlatformEndpoints();
        app.MapIngest();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var postgres = body.RootElement.GetProperty("checks").GetProperty("postgres");
        Assert.Equal("Unhealthy", postgres.GetProperty("status").GetString());
        Assert.Contains("PostgreSQL is not reachable", postgres.GetProperty("description").GetString(), StringComparison.Ordinal);
        await app.StopAsync();
    }
}
