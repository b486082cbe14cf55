using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Tenants;
using Streaming.Ingest.Tests.Support;
using Streaming.Platform.Contracts;
using Streaming.Platform.Security.Secrets;
using Streaming.TestSupport;

namespace Streaming.Ingest.Tests.Security;

/// <summary>An ingest host with no email secret configured: it uses the one kept in the database.</summary>
public sealed class DatabaseSecretHost : IngestHost
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Ingest:EmailTokenSecret", null)];
}

public sealed class EmailTokenSecretTests(DatabaseSecretHost host) : IClassFixture<DatabaseSecretHost>
{
    /// <summary>The placeholder earlier versions shipped as the default: anyone could sign with it.</summary>
    private const string OldPlaceholder = "change-me-email-token-secret-0123456789";

    private readonly HttpClient _noRedirects = new(new HttpClientHandler { AllowAutoRedirect = false });

    private static string Click(byte[] secret, string tenant, string url) => EmailTrackingToken.Create(secret, new EmailTrackingClaims(
        tenant, Guid.NewGuid().ToString(), "profile-1", url, DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()));

    [Fact]
    public async Task A_click_token_forged_with_the_old_placeholder_secret_never_redirects_and_records_nothing()
    {
        var before = host.RecordCount();
        var forged = Click(Encoding.UTF8.GetBytes(OldPlaceholder), IngestHost.Tenant, "https://evil.example.net/phish");

        using var response = await _noRedirects.GetAsync(new Uri(host.BaseAddress, "/v1/email/click/" + forged));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, host.RecordCount());
    }

    [Fact]
    public async Task The_secret_generated_and_kept_in_the_database_signs_tokens_that_work()
    {
        var secret = await new ServerSecrets(host.Database.DataSource).GetAsync(ServerSecrets.EmailTokens, default);
        using var response = await _noRedirects.GetAsync(new Uri(host.BaseAddress, "/v1/email/click/" + Click(secret, IngestHost.Tenant, "https://shop.example.com/")));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://shop.example.com/", response.Headers.Location?.AbsoluteUri);
        Assert.True(secret.Length >= 32);
    }

    [Fact]
    public async Task An_open_over_the_tenants_rate_limit_answers_503_and_records_nothing()
    {
        const string tenant = "mailco";
        await TenantAdmin.CreateTenantAsync(host.Database.DataSource, tenant, "Mail Co", default);
        await TenantAdmin.AddWriteKeyAsync(host.Database.DataSource, tenant, "wk_mailco", default);
        await TenantAdmin.SetRateLimitAsync(host.Database.DataSource, tenant, 1, 1, default);
        await host.Services.GetRequiredService<WriteKeyCache>().RefreshAsync(default);
        var secret = await new ServerSecrets(host.Database.DataSource).GetAsync(ServerSecrets.EmailTokens, default);
        string Open() => EmailTrackingToken.Create(secret, new EmailTrackingClaims(
            tenant, Guid.NewGuid().ToString(), "profile-1", null, DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()));

        using var first = await _noRedirects.GetAsync(new Uri(host.BaseAddress, "/v1/email/open/" + Open()));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // One open per second: back-to-back opens soon find the bucket empty.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var before = host.RecordCount();
            using var next = await _noRedirects.GetAsync(new Uri(host.BaseAddress, "/v1/email/open/" + Open()));
            if (next.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.NotNull(next.Headers.RetryAfter);
                Assert.Equal("image/gif", next.Content.Headers.ContentType?.MediaType);
                Assert.Equal(before, host.RecordCount());
                return;
            }

            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }

        Assert.Fail("no open was refused by a limit of one per second");
    }
}

public sealed class PlaceholderSecretTests
{
    private static WebApplication Build(TestDatabase database, string environment, string secret)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Ingest:EmailTokenSecret"] = secret,
        });
        builder.AddIngest();
        var app = builder.Build();
        app.MapIngest();
        return app;
    }

    [Fact]
    public async Task Outside_development_the_host_refuses_to_start_with_a_placeholder_email_secret()
    {
        await using var database = await TestDatabase.CreateAsync();
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = Build(database, Environments.Production, "change-me-but-long-enough-0123456789");
            await app.StartAsync();
        });
        Assert.Contains("Ingest:EmailTokenSecret is a placeholder", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_a_placeholder_email_secret_is_allowed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = Build(database, Environments.Development, "change-me-but-long-enough-0123456789");

        await app.StartAsync();
        await app.StopAsync();
    }
}
