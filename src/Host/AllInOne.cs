using Streaming.GraphQL;
using Streaming.Ingest;
using Streaming.Platform.Hosting;
using Streaming.Processors;
using Streaming.Projections;

namespace Streaming.Host;

/// <summary>The whole system in one process: what <c>./streaming up</c> runs.</summary>
public static class AllInOne
{
    public static WebApplication Create(string[] args)
    {
        // Content root is where the binaries are, so appsettings.json is found from any working folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddPlatform();
        builder.AddProjections();
        builder.AddProcessors();
        builder.AddIngest();
        builder.AddGraphQL();
        builder.Services.AddSingleton<DemoAdminKey>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoAdminKey>());
        builder.Services.AddHostedService<StartupBanner>();

        var app = builder.Build();
        app.MapPlatformEndpoints();
        app.MapIngest();
        app.MapGraphQL();
        app.MapProcessors();
        return app;
    }
}
