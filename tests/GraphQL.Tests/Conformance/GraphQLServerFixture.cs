using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.GraphQL.Execution;
using Streaming.Platform.Security;
using Streaming.Platform.Security.Keys;
using Streaming.TestSupport;

namespace Streaming.GraphQL.Tests.Conformance;

/// <summary>The engine with the test schema behind MapGraphQL on Kestrel loopback, and a way to run the node reference tools.</summary>
public sealed class GraphQLServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri HttpUrl { get; private set; } = null!;

    public Uri WebSocketUrl { get; private set; } = null!;

    /// <summary>A secret key of tenant "t1" with the read scope, known to the server.</summary>
    public const string Key = "sk_live_conformance0000000000000000000000000000";

    /// <summary>A write key of tenant "t1": authenticates, allows nothing here.</summary>
    public const string WriteKey = "pk_live_conformance000000000000000000000000000";

    public GraphQLExecutor Executor { get; } = new(TestSchema.Build());

    /// <summary>An HTTP client that sends <see cref="Key"/>.</summary>
    public static HttpClient AuthorizedClient()
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Executor);
        builder.Services.AddSingleton<IApiKeyDirectory>(new StaticKeys());
        builder.AddApiKeySecurity();
        builder.Services.AddOptions<GraphQLOptions>().Configure(o => o.ConnectionInitTimeoutMs = 3000);
        _app = builder.Build();
        _app.MapGraphQL();
        await _app.StartAsync();
        HttpUrl = new Uri($"http://127.0.0.1:{port}/graphql");
        WebSocketUrl = new Uri($"ws://127.0.0.1:{port}/graphql");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Runs tests/node/graphql/SCRIPT with arguments and parses the JSON it prints.</summary>
    public static async Task<JsonElement> RunNodeAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = System.IO.Path.Combine(RepositoryRoot.Path, "tests", "node"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CDP_AUTHORIZATION"] = "Bearer " + Key;
        start.ArgumentList.Add(System.IO.Path.Combine("graphql", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {await errors}\n{text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<GraphQLServerFixture>
{
    public const string Name = "graphql-server";
}

/// <summary>The fixture's two keys, without a database.</summary>
internal sealed class StaticKeys : IApiKeyDirectory
{
    public ValueTask<ApiKeyIdentity?> FindAsync(string presentedKey, CancellationToken cancellationToken) => ValueTask.FromResult(presentedKey switch
    {
        GraphQLServerFixture.Key => new ApiKeyIdentity(ApiKeyKind.Secret, "t1", Guid.Empty, new HashSet<string> { Scopes.Read }),
        GraphQLServerFixture.WriteKey => new ApiKeyIdentity(ApiKeyKind.Write, "t1", Guid.Empty, new HashSet<string>()),
        _ => null,
    });
}
