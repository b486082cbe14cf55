using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Streaming.GraphQL.Transport;

namespace Streaming.GraphQL.Tests.Conformance;

/// <summary>graphql-transport-ws rules on a raw socket: close codes, ping/pong, the message flow.</summary>
[Collection(ServerCollection.Name)]
public sealed class WebSocketProtocolTests(GraphQLServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private async Task<ClientWebSocket> ConnectAsync(string? protocol = WsMessage.Protocol, string? authorization = "Bearer " + GraphQLServerFixture.Key)
    {
        var socket = new ClientWebSocket();
        if (authorization is not null)
        {
            socket.Options.SetRequestHeader("Authorization", authorization);
        }

        if (protocol is not null)
        {
            socket.Options.AddSubProtocol(protocol);
        }

        using var cancel = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(server.WebSocketUrl, cancel.Token);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string json) => WebSocketTestIO.SendAsync(socket, json);

    private static Task<JsonElement?> ReceiveAsync(ClientWebSocket socket) => WebSocketTestIO.ReceiveAsync(socket);

    private static async Task<int?> ClosedWithAsync(ClientWebSocket socket)
    {
        while (await ReceiveAsync(socket) is not null)
        {
        }

        return (int?)socket.CloseStatus;
    }

    private async Task<ClientWebSocket> AcknowledgedAsync()
    {
        var socket = await ConnectAsync();
        await SendAsync(socket, """{"type":"connection_init"}""");
        Assert.Equal("connection_ack", (await ReceiveAsync(socket))!.Value.GetProperty("type").GetString());
        return socket;
    }

    [Fact]
    public async Task Subscribe_streams_next_messages_then_complete()
    {
        using var socket = await AcknowledgedAsync();
        await SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"subscription { count(to: 2) }"}}""");
        var messages = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            messages.Add(JsonSerializer.Serialize((await ReceiveAsync(socket))!.Value));
        }

        Assert.Equal([
            """{"id":"1","type":"next","payload":{"data":{"count":1}}}""",
            """{"id":"1","type":"next","payload":{"data":{"count":2}}}""",
            """{"id":"1","type":"complete"}""",
        ], messages);
    }

    [Fact]
    public async Task Invalid_document_gets_an_error_message_not_a_close()
    {
        using var socket = await AcknowledgedAsync();
        await SendAsync(socket, """{"id":"e","type":"subscribe","payload":{"query":"subscription { nope }"}}""");
        var message = (await ReceiveAsync(socket))!.Value;
        Assert.Equal("error", message.GetProperty("type").GetString());
        Assert.Equal("Cannot query field \"nope\" on type \"Subscription\".", message.GetProperty("payload")[0].GetProperty("message").GetString());
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Ping_is_answered_with_pong_before_and_after_init()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"type":"ping"}""");
        Assert.Equal("pong", (await ReceiveAsync(socket))!.Value.GetProperty("type").GetString());
        await SendAsync(socket, """{"type":"connection_init"}""");
        Assert.Equal("connection_ack", (await ReceiveAsync(socket))!.Value.GetProperty("type").GetString());
        await SendAsync(socket, """{"type":"ping","payload":{"k":1}}""");
        Assert.Equal("pong", (await ReceiveAsync(socket))!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Subscribe_before_init_closes_with_4401()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"{ hello }"}}""");
        Assert.Equal(CloseCodes.Unauthorized, await ClosedWithAsync(socket));
    }

    [Fact]
    public async Task Second_init_closes_with_4429()
    {
        using var socket = await AcknowledgedAsync();
        await SendAsync(socket, """{"type":"connection_init"}""");
        Assert.Equal(CloseCodes.TooManyInitialisationRequests, await ClosedWithAsync(socket));
    }

    [Fact]
    public async Task Duplicate_operation_id_closes_with_4409()
    {
        using var socket = await AcknowledgedAsync();
        await SendAsync(socket, """{"id":"dup","type":"subscribe","payload":{"query":"subscription { count(to: 1000) }"}}""");
        await SendAsync(socket, """{"id":"dup","type":"subscribe","payload":{"query":"subscription { count(to: 1000) }"}}""");
        Assert.Equal(CloseCodes.SubscriberAlreadyExists, await ClosedWithAsync(socket));
        Assert.Equal("Subscriber for dup already exists", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Invalid_message_closes_with_4400()
    {
        using var socket = await AcknowledgedAsync();
        await SendAsync(socket, """{"type":"subscribe","payload":{}}""");
        Assert.Equal(CloseCodes.BadRequest, await ClosedWithAsync(socket));
    }

    [Fact]
    public async Task No_init_within_the_timeout_closes_with_4408()
    {
        using var socket = await ConnectAsync();
        Assert.Equal(CloseCodes.ConnectionInitialisationTimeout, await ClosedWithAsync(socket));
    }

    [Fact]
    public async Task Wrong_subprotocol_closes_with_4406()
    {
        using var socket = await ConnectAsync(protocol: null);
        Assert.Equal(CloseCodes.SubprotocolNotAcceptable, await ClosedWithAsync(socket));
    }

    [Fact]
    public async Task Complete_from_the_client_stops_the_subscription()
    {
        using var socket = await AcknowledgedAsync();
        await SendAsync(socket, """{"id":"c","type":"subscribe","payload":{"query":"subscription { count(to: 100000) }"}}""");
        Assert.Equal("next", (await ReceiveAsync(socket))!.Value.GetProperty("type").GetString());
        await SendAsync(socket, """{"id":"c","type":"complete"}""");
        // The same id is free again once the server has dropped the operation.
        await Eventually_id_is_reusable(socket);
    }

    private static async Task Eventually_id_is_reusable(ClientWebSocket socket)
    {
        await SendAsync(socket, """{"id":"c2","type":"subscribe","payload":{"query":"{ hello }"}}""");
        while (true)
        {
            var message = (await ReceiveAsync(socket))!.Value;
            if (message.GetProperty("id").GetString() == "c2")
            {
                Assert.Equal("next", message.GetProperty("type").GetString());
                Assert.Equal("Hello world", message.GetProperty("payload").GetProperty("data").GetProperty("hello").GetString());
                return;
            }
        }
    }
}
