using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>GraphQL over HTTP refuses what is too big before reading it, and hides faults behind an id.</summary>
[Collection(LimitsServerCollection.Name)]
public sealed class HttpLimitTests(LimitsServerFixture server) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _client = Conformance.GraphQLServerFixture.AuthorizedClient();

    public void Dispose() => _client.Dispose();

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.HttpUrl) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/graphql-response+json"));
        using var response = await _client.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }

    private static string Query(string document) => JsonSerializer.Serialize(new { query = document });

    private static string FirstMessage(JsonElement body) => body.GetProperty("errors")[0].GetProperty("message").GetString()!;

    /// <summary>Sends raw bytes on a new connection and returns the status line of the answer.</summary>
    private async Task<string> StatusLineAsync(string head, Func<NetworkStream, CancellationToken, Task>? body = null)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.HttpUrl.Host, server.HttpUrl.Port, cancel.Token);
        var stream = tcp.GetStream();
        var line = head.IndexOf("\r\n", StringComparison.Ordinal) + 2;
        var authorized = head[..line] + $"Authorization: Bearer {Conformance.GraphQLServerFixture.Key}\r\n" + head[line..];
        await stream.WriteAsync(Encoding.ASCII.GetBytes(authorized), cancel.Token);
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
        var sending = body is null ? Task.CompletedTask : Task.Run(() => body(stream, stopSending.Token), stopSending.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var status = await reader.ReadLineAsync(cancel.Token);
        await stopSending.CancelAsync();
        try
        {
            await sending;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
            // The server stopped reading and closed the connection: what the test is about.
        }

        return status ?? string.Empty;
    }

    [Fact]
    public async Task Five_megabyte_document_is_refused_with_413()
    {
        var before = server.Observed.Count("cdp.graphql.requests.rejected{limit=request_bytes}");

        var (status, body) = await PostAsync(Query("{ hello }" + new string(' ', 5_000_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal($"The request body is larger than {server.Options.MaxRequestBytes} bytes, the maximum.", FirstMessage(body));
        Assert.True(server.Observed.Count("cdp.graphql.requests.rejected{limit=request_bytes}") > before);
    }

    [Fact]
    public async Task Declared_length_over_the_limit_is_refused_before_any_of_the_body_is_sent()
    {
        // The body never comes: the answer can only come from the Content-Length, with nothing buffered.
        var status = await StatusLineAsync(
            $"POST {server.HttpUrl.AbsolutePath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_refused_while_it_is_still_being_sent()
    {
        // 80 chunks of 64 KiB (5 MiB) of whitespace: refused on size before it could be parsed.
        var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string(' ', 0x10000)}\r\n");
        var status = await StatusLineAsync(
            $"POST {server.HttpUrl.AbsolutePath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            async (stream, cancel) =>
            {
                for (var sent = 0; sent < 80; sent++)
                {
                    await stream.WriteAsync(chunk, cancel);
                }
            });

        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_over_its_limit_in_a_body_within_its_limit_is_refused_with_413()
    {
        var (status, body) = await PostAsync(Query("{ hello }" + new string(' ', server.Options.MaxDocumentBytes)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal($"The document is more than {server.Options.MaxDocumentBytes} bytes long, the maximum.", FirstMessage(body));
    }

    [Fact]
    public async Task Query_with_2000_aliases_is_refused_with_400()
    {
        var document = "{ " + string.Join(" ", Enumerable.Range(0, 2000).Select(i => $"a{i}: hello")) + " }";

        var (status, body) = await PostAsync(Query(document));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("The operation selects 2000 fields; at most 1000 are allowed.", FirstMessage(body));
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("""{"query":"{ hello }"} trailing""")]
    [InlineData("")]
    [InlineData("{\"query\":\"{ hello }\"")]
    public async Task Body_that_is_not_one_JSON_value_is_refused_with_400(string json)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal((HttpStatusCode.BadRequest, "The body is not valid JSON."), (status, FirstMessage(body)));
    }

    [Fact]
    public async Task Concurrent_requests_each_get_the_answer_to_their_own_body()
    {
        // Regression: a parsed body must not point into pipe memory that another request reuses (seen
        // under wrk's load in the benchmark as bodies without their query; rarely seen at this load).
        var requests = Enumerable.Range(0, 16).Select(async worker =>
        {
            for (var i = 0; i < 50; i++)
            {
                var name = $"w{worker}r{i}";
                var (status, body) = await PostAsync(Query($"{{ hello(name: \"{name}\") }}"));
                Assert.Equal((HttpStatusCode.OK, "Hello " + name), (status, body.GetProperty("data").GetProperty("hello").GetString()));
            }
        });
        await Task.WhenAll(requests);
    }

    [Fact]
    public async Task Resolver_fault_reaches_the_client_only_as_a_logged_id()
    {
        var (status, body) = await PostAsync(Query("{ user(id: \"u1\") { faulty } }"));

        Assert.Equal(HttpStatusCode.OK, status);
        var id = InternalErrorAssert.Hidden(body.GetProperty("errors")[0]);
        InternalErrorAssert.Logged(server.Observed, id);
    }
}
