using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.GraphQL;
using Streaming.GraphQL.Execution;

namespace Streaming.Bench.GraphQL;

/// <summary>
/// Requests/s and p99 of three queries (a lookup, a nested list with fragments, the full introspection
/// query) against our server, graphql-js behind graphql-http, and mercurius with graphql-jit, on the
/// same schema and data, measured by wrk (another process) over keep-alive loopback connections.
/// </summary>
internal sealed partial class GraphQLBenchmark : IBenchmark
{
    private static readonly string[] Queries = ["lookup", "nested", "introspection"];
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(6);
    private const int Connections = 32;

    public string Name => "graphql";

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var root = Environment.GetEnvironmentVariable("STREAMING_ROOT") ?? Directory.GetCurrentDirectory();
        var nodeDir = Path.Combine(root, "tests", "node");
        var bodies = Directory.CreateTempSubdirectory("graphql-bench-");
        var report = new BenchReport(Name);
        var processes = new List<Process>();
        WebApplication? ours = null;
        try
        {
            await RunToEnd("node", nodeDir, cancellationToken, Path.Combine("graphql", "bench-bodies.mjs"), bodies.FullName);
            var oursPort = FreeTcpPort();
            ours = await StartOurs(oursPort);
            var graphqlJsPort = FreeTcpPort();
            processes.Add(await StartNode(nodeDir, "graphqljs-server.mjs", graphqlJsPort, cancellationToken));
            var mercuriusPort = FreeTcpPort();
            processes.Add(await StartNode(nodeDir, "mercurius-server.mjs", mercuriusPort, cancellationToken));
            var servers = new (string Name, int Port)[] { ("ours", oursPort), ("graphqljs", graphqlJsPort), ("mercurius", mercuriusPort) };

            foreach (var query in Queries)
            {
                var body = Path.Combine(bodies.FullName, query + ".json");
                await CheckSameAnswers(servers, body, query, cancellationToken);
                var results = new Dictionary<string, (double Rps, double P99)>();
                foreach (var (server, port) in servers)
                {
                    await Wrk(root, port, body, Warmup, cancellationToken);
                    results[server] = await Wrk(root, port, body, Measure, cancellationToken);
                }

                report.Add($"ours_rps_{query}", results["ours"].Rps, "req/s")
                    .Add($"graphqljs_rps_{query}", results["graphqljs"].Rps, "req/s")
                    .Add($"mercurius_rps_{query}", results["mercurius"].Rps, "req/s")
                    .Add($"ratio_vs_graphqljs_{query}", results["ours"].Rps / results["graphqljs"].Rps, "ratio", ">= 1")
                    .Add($"ratio_vs_mercurius_{query}", results["ours"].Rps / results["mercurius"].Rps, "ratio", ">= 1")
                    .Add($"ours_p99_ms_{query}", results["ours"].P99, "ms", $"< mercurius")
                    .Add($"mercurius_p99_ms_{query}", results["mercurius"].P99, "ms");
            }

            report.Add("min_ratio_vs_mercurius", Queries.Min(q => report.Figures.First(f => f.Key == $"ratio_vs_mercurius_{q}").Value), "ratio", ">= 1");
            return report;
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                await process.WaitForExitAsync(CancellationToken.None);
                process.Dispose();
            }

            if (ours is not null)
            {
                await ours.StopAsync(CancellationToken.None);
                await ours.DisposeAsync();
            }

            bodies.Delete(recursive: true);
        }
    }

    private static async Task<WebApplication> StartOurs(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new GraphQLExecutor(BenchSchema.Build()));
        builder.Services.AddOptions<GraphQLOptions>();
        // Every request carries a secret key, as in production (the key lookup is part of the cost).
        builder.Services.AddSingleton<Platform.Security.Keys.IApiKeyDirectory>(new BenchKey());
        Platform.Security.SecurityServiceExtensions.AddApiKeySecurity(builder);
        var app = builder.Build();
        app.MapGraphQL();
        await app.StartAsync();
        return app;
    }

    private static async Task<Process> StartNode(string nodeDir, string script, int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = nodeDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine("graphql", script));
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.Environment["NODE_ENV"] = "production";
        var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "listening")
        {
            throw new InvalidOperationException($"{script} did not start: {line} {await process.StandardError.ReadToEndAsync(timeout.Token)}");
        }

        return process;
    }

    /// <summary>All three servers must give the same data for the same query, so they do the same work.</summary>
    private static async Task CheckSameAnswers((string Name, int Port)[] servers, string bodyFile, string query, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        // Our server needs the key; the reference servers ignore it.
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BenchKey.Key);
        var body = await File.ReadAllTextAsync(bodyFile, cancellationToken);
        string? first = null;
        foreach (var (name, port) in servers)
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri($"http://127.0.0.1:{port}/graphql"), content, cancellationToken);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (json.RootElement.TryGetProperty("errors", out var errors) || !json.RootElement.TryGetProperty("data", out var data))
            {
                throw new InvalidOperationException($"{name} failed the {query} query: {json.RootElement}");
            }

            // Introspection lists types in each server's own order; the other queries must match exactly.
            var text = query == "introspection" ? data.GetProperty("__schema").GetProperty("types").GetArrayLength().ToString(CultureInfo.InvariantCulture) : data.ToString();
            if (first is not null && first != text)
            {
                throw new InvalidOperationException($"{name} answered the {query} query differently:\n{text}\nvs\n{first}");
            }

            first = text;
        }
    }

    private static async Task<(double Rps, double P99)> Wrk(string root, int port, string bodyFile, TimeSpan duration, CancellationToken cancellationToken)
    {
        var output = await RunToEnd("wrk", root, cancellationToken, "-t1", $"-c{Connections}", $"-d{(int)duration.TotalSeconds}s", "--latency",
            "-s", Path.Combine(root, "tests", "node", "graphql", "bench-post.lua"), $"http://127.0.0.1:{port}/graphql", $"BODY_FILE={bodyFile}");
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99().Match(output);
        var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
        var ms = p99.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
        if (NonSuccess().Match(output) is { Success: true } failures)
        {
            throw new InvalidOperationException($"wrk saw non-2xx responses: {failures.Value}");
        }

        return (rps, ms);
    }

    private static async Task<string> RunToEnd(string file, string workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CDP_AUTHORIZATION"] = "Bearer " + BenchKey.Key;
        foreach (var argument in arguments)
        {
            if (argument.StartsWith("BODY_FILE=", StringComparison.Ordinal))
            {
                start.Environment["BODY_FILE"] = argument["BODY_FILE=".Length..];
                continue;
            }

            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {await errors}");
        }

        return await output;
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"\s99%\s+([\d.]+)(us|ms|s|m)")]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses: \d+")]
    private static partial Regex NonSuccess();
}

/// <summary>The one key of the benchmark server (no database: the directory answers from memory).</summary>
internal sealed class BenchKey : Platform.Security.Keys.IApiKeyDirectory
{
    public const string Key = "sk_live_bench000000000000000000000000000000000";

    private static readonly Platform.Security.Keys.ApiKeyIdentity Identity =
        new(Platform.Security.Keys.ApiKeyKind.Secret, "bench", Guid.Empty, new HashSet<string> { Platform.Security.Scopes.Read });

    public ValueTask<Platform.Security.Keys.ApiKeyIdentity?> FindAsync(string presentedKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(presentedKey == Key ? Identity : null);
}
