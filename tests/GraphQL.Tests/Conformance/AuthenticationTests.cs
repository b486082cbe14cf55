using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Streaming.GraphQL.Transport;

namespace Streaming.GraphQL.Tests.Conformance;

/// <summary>/graphql refuses callers without a secret key, over HTTP and graphql-transport-ws alike.</summary>
[Collection(ServerCollection.Name)]
public sealed class AuthenticationTests(GraphQLServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private async Task<HttpStatusCode> PostAsync(string? scheme, string? key, string query = "{ hello }")
    {
        using var client = new HttpClient { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, server.HttpUrl)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme!, key);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Http_without_a_key_is_401_with_a_write_key_403_with_an_unknown_key_401_and_with_the_secret_key_200()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(null, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(null, null, "{ __schema { queryType { name } } }"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("Bearer", GraphQLServerFixture.WriteKey));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(GraphQLServerFixture.WriteKey + ":"))));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync("Bearer", "sk_live_made_up"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("Bearer", GraphQLServerFixture.Key));
    }

    [Fact]
    public async Task Get_without_a_key_is_401()
    {
        using var client = new HttpClient { Timeout = Timeout };
        using var response = await client.GetAsync(new Uri(server.HttpUrl, "?query=" + Uri.EscapeDataString("{ hello }")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, CloseCodes.Unauthorized)]
    [InlineData("sk_live_made_up", CloseCodes.Unauthorized)]
    [InlineData(GraphQLServerFixture.WriteKey, CloseCodes.Forbidden)]
    public async Task A_websocket_without_a_secret_key_in_connection_init_is_closed_before_it_is_acknowledged(string? key, int expected)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(WsMessage.Protocol);
        using var cancel = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(server.WebSocketUrl, cancel.Token);
        var init = key is null ? """{"type":"connection_init"}""" : JsonSerializer.Serialize(new { type = "connection_init", payload = new { authorization = "Bearer " + key } });
        await socket.SendAsync(Encoding.UTF8.GetBytes(init), WebSocketMessageType.Text, true, cancel.Token);

        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, cancel.Token);

        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(expected, (int?)socket.CloseStatus);
    }

    [Fact]
    public async Task A_websocket_with_the_secret_key_in_connection_init_is_acknowledged_and_streams()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(WsMessage.Protocol);
        using var cancel = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(server.WebSocketUrl, cancel.Token);
        var init = JsonSerializer.Serialize(new { type = "connection_init", payload = new { authorization = "Bearer " + GraphQLServerFixture.Key } });
        await socket.SendAsync(Encoding.UTF8.GetBytes(init), WebSocketMessageType.Text, true, cancel.Token);
        await socket.SendAsync("""{"id":"1","type":"subscribe","payload":{"query":"subscription { count(to: 1) }"}}"""u8.ToArray(), WebSocketMessageType.Text, true, cancel.Token);

        var buffer = new byte[4096];
        var ack = await socket.ReceiveAsync(buffer, cancel.Token);
        Assert.Contains("connection_ack", Encoding.UTF8.GetString(buffer, 0, ack.Count), StringComparison.Ordinal);
        var next = await socket.ReceiveAsync(buffer, cancel.Token);
        Assert.Equal("""{"id":"1","type":"next","payload":{"data":{"count":1}}}""", Encoding.UTF8.GetString(buffer, 0, next.Count));
    }

    [Fact]
    public async Task A_websocket_upgrade_with_a_write_key_header_is_refused_with_403()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(WsMessage.Protocol);
        socket.Options.SetRequestHeader("Authorization", "Bearer " + GraphQLServerFixture.WriteKey);
        socket.Options.CollectHttpResponseDetails = true;
        using var cancel = new CancellationTokenSource(Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.WebSocketUrl, cancel.Token));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }
}
