using Microsoft.Extensions.Options;
using Streaming.Ingest.Email;
using Streaming.Ingest.Producing;
using Streaming.Ingest.RateLimiting;
using Streaming.Ingest.Tenants;
using Streaming.Ingest.Tracking;
using Streaming.Platform.Contracts;
using Streaming.Platform.Kafka.Backpressure;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Platform.Security;
using Streaming.Platform.Security.Keys;

namespace Streaming.Ingest;

/// <summary>Wiring of the HTTP edge.</summary>
public static class IngestServiceExtensions
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Schema first (the platform's tenants, keys and limits): its migration service must run before the seeder and the key cache.
        builder.AddMigrations(MigrationSource.Platform);
        // Embedded mode: refuse (503) while the processors lag so far that the in-memory broker could drop records.
        builder.AddConsumerLagMonitor();
        builder.AddApiKeySecurity();
        builder.Services.AddSingleton<IValidateOptions<IngestOptions>, EmailTokenSecretValidation>();
        builder.Services.AddOptions<IngestOptions>()
            .Bind(builder.Configuration.GetSection(IngestOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WriteKeyCache>();
        builder.Services.AddHostedService<DemoTenantSeeder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WriteKeyCache>());
        builder.Services.AddSingleton<TenantRateLimiter>();
        builder.Services.AddSingleton<EventProducer>();
        builder.Services.AddSingleton<TrackingEndpoint>();
        builder.Services.AddSingleton(sp => new OpenClassifier(sp.GetRequiredService<IOptions<IngestOptions>>().Value.PrivacyProxyNetworks));
        builder.Services.AddSingleton<EmailTrackingEndpoints>();
        return builder;
    }

    /// <summary>
    /// The Segment HTTP tracking API under <c>/v1</c> and the email open and click endpoints (open to
    /// anyone: they check write keys and signed tokens themselves), and key administration (an admin key).
    /// </summary>
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var tracking = endpoints.ServiceProvider.GetRequiredService<TrackingEndpoint>();
        foreach (var type in EventTypes.All)
        {
            endpoints.MapPost("/v1/" + type, context => tracking.HandleAsync(context, type)).AllowAnonymous();
        }

        endpoints.MapPost("/v1/batch", context => tracking.HandleAsync(context, null)).AllowAnonymous();
        // analytics.js and some SDKs post to /v1/import as a batch alias.
        endpoints.MapPost("/v1/import", context => tracking.HandleAsync(context, null)).AllowAnonymous();

        var email = endpoints.ServiceProvider.GetRequiredService<EmailTrackingEndpoints>();
        endpoints.MapGet("/v1/email/open/{token}", context => email.OpenAsync(context, (string)context.Request.RouteValues["token"]!)).AllowAnonymous();
        endpoints.MapGet("/v1/email/click/{token}", context => email.ClickAsync(context, (string)context.Request.RouteValues["token"]!)).AllowAnonymous();
        endpoints.MapKeyAdmin();
        return endpoints;
    }
}
