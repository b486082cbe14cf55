using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.GraphQL.Execution;
using Streaming.Platform.Security;
using Streaming.Platform.Security.Keys;
using Streaming.TestSupport;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>The test schema behind MapGraphQL on Kestrel loopback, with the default limits but a small subscription cap, and its diagnostics observed.</summary>
public sealed class LimitsServerFixture : IAsyncLifetime
{
    public const int MaxSubscriptionsPerConnection = 3;

    private WebApplication? _app;

    public ObservedDiagnostics Observed { get; } = new();

    public GraphQLOptions Options { get; } = new() { MaxSubscriptionsPerConnection = MaxSubscriptionsPerConnection };

    public Uri HttpUrl { get; private set; } = null!;

    public Uri WebSocketUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new GraphQLExecutor(TestSchema.Build(),
            new ExecutionLimits { MaxDocumentBytes = Options.MaxDocumentBytes, MaxFields = Options.MaxFields, MaxAliases = Options.MaxAliases },
            diagnostics: Observed.Diagnostics));
        builder.Services.AddOptions<GraphQLOptions>().Configure(o => o.MaxSubscriptionsPerConnection = MaxSubscriptionsPerConnection);
        builder.Services.AddSingleton<IApiKeyDirectory>(new Conformance.StaticKeys());
        builder.AddApiKeySecurity();
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

        Observed.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LimitsServerCollection : ICollectionFixture<LimitsServerFixture>
{
    public const string Name = "graphql-limits-server";
}
