using System.Net;
using System.Text;
using Streaming.Ingest.Tests.Support;
using Streaming.Platform.Contracts;

namespace Streaming.Ingest.Tests.Email;

public sealed class EmailTrackingTests(IngestHost host) : IClassFixture<IngestHost>
{
    private const string HumanAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Thunderbird/128.0";
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes(IngestHost.EmailSecret);
    private readonly HttpClient _noRedirects = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task An_open_pixel_records_a_human_open()
    {
        var email = Guid.NewGuid().ToString();
        using var response = await GetAsync("/v1/email/open/" + Token(email, null), HumanAgent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);

        var opened = await RecordedAsync(email);
        Assert.Equal("Email Opened", opened.Event);
        Assert.Equal("profile-1", opened.UserId);
        Assert.Equal("human", opened.Properties!.Value.GetProperty("classification").GetString());
    }

    [Theory]
    [InlineData("Mozilla/5.0", "privacy_proxy", "apple_mail_privacy_protection")]
    [InlineData("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "privacy_proxy", "gmail_image_proxy")]
    [InlineData("Mozilla/5.0 (compatible; Barracuda Sentinel)", "bot", "barracuda")]
    public async Task Proxy_and_bot_opens_are_recorded_as_such(string userAgent, string classification, string agent)
    {
        var email = Guid.NewGuid().ToString();
        using var response = await GetAsync("/v1/email/open/" + Token(email, null), userAgent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var opened = await RecordedAsync(email);
        Assert.Equal(classification, opened.Properties!.Value.GetProperty("classification").GetString());
        Assert.Equal(agent, opened.Properties!.Value.GetProperty("agent").GetString());
    }

    [Fact]
    public async Task A_tampered_open_token_serves_the_pixel_and_records_nothing()
    {
        var token = Token(Guid.NewGuid().ToString(), null);
        var tampered = Tamper(token, "profile-1", "profile-2");
        var before = host.RecordCount();
        using var response = await GetAsync("/v1/email/open/" + tampered, HumanAgent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, host.RecordCount());
    }

    [Fact]
    public async Task An_expired_open_token_records_nothing()
    {
        var before = host.RecordCount();
        using var response = await GetAsync("/v1/email/open/" + Token(Guid.NewGuid().ToString(), null, TimeSpan.FromSeconds(-1)), HumanAgent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, host.RecordCount());
    }

    [Fact]
    public async Task A_click_redirects_to_the_signed_link_and_records_the_click()
    {
        var email = Guid.NewGuid().ToString();
        using var response = await GetAsync("/v1/email/click/" + Token(email, "https://shop.example.com/sale?id=7"), HumanAgent);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://shop.example.com/sale?id=7", response.Headers.Location?.ToString());

        var clicked = await RecordedAsync(email);
        Assert.Equal("Email Link Clicked", clicked.Event);
        Assert.Equal("https://shop.example.com/sale?id=7", clicked.Properties!.Value.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_click_token_with_a_swapped_url_never_redirects_and_records_nothing()
    {
        var token = Token(Guid.NewGuid().ToString(), "https://shop.example.com/");
        var tampered = Tamper(token, "https://shop.example.com/", "https://evil.example.net/");
        var before = host.RecordCount();
        using var response = await GetAsync("/v1/email/click/" + tampered, HumanAgent);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, host.RecordCount());
    }

    [Fact]
    public async Task An_expired_click_token_never_redirects_and_records_nothing()
    {
        var before = host.RecordCount();
        using var response = await GetAsync("/v1/email/click/" + Token(Guid.NewGuid().ToString(), "https://shop.example.com/", TimeSpan.FromSeconds(-1)), HumanAgent);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, host.RecordCount());
    }

    [Fact]
    public async Task An_open_token_used_as_a_click_never_redirects()
    {
        using var response = await GetAsync("/v1/email/click/" + Token(Guid.NewGuid().ToString(), null), HumanAgent);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_click_token_for_a_javascript_url_never_redirects()
    {
        using var response = await GetAsync("/v1/email/click/" + Token(Guid.NewGuid().ToString(), "javascript:alert(1)"), HumanAgent);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    private static string Token(string emailMessageId, string? url, TimeSpan? validFor = null) =>
        EmailTrackingToken.Create(Secret, new EmailTrackingClaims(
            IngestHost.Tenant, emailMessageId, "profile-1", url, DateTimeOffset.UtcNow.Add(validFor ?? TimeSpan.FromDays(30)).ToUnixTimeSeconds()));

    /// <summary>Rewrites the claims part of a token and keeps the old signature, as an attacker would.</summary>
    private static string Tamper(string token, string from, string to)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var claims = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
        Assert.Contains(from, claims, StringComparison.Ordinal);
        return System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.Replace(from, to, StringComparison.Ordinal))) + token[dot..];
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, path));
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return await _noRedirects.SendAsync(request);
    }

    private async Task<EventEnvelope> RecordedAsync(string emailMessageId)
    {
        EventEnvelope? found = null;
        await Streaming.TestSupport.Eventually.Until(() =>
        {
            found = host.ReadRecords(host.RecordCount(), TimeSpan.FromSeconds(20))
                .Select(r => EventEnvelopeSerializer.Deserialize(r.Message.Value))
                .FirstOrDefault(e => e.Properties?.GetProperty("emailMessageId").GetString() == emailMessageId);
            return found is not null;
        }, TimeSpan.FromSeconds(30), "the email event of " + emailMessageId);
        return found!;
    }
}
