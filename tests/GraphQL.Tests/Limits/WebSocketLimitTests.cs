using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Streaming.GraphQL.Transport;

using Streaming.GraphQL.Tests.Conformance;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>graphql-transport-ws: oversized messages close with 1009, operations per connection are capped, faults show only an id.</summary>
[Collection(LimitsServerCollection.Name)]
public sealed class WebSocketLimitTests(LimitsServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private async Task<ClientWebSocket> AcknowledgedAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(WsMessage.Protocol);
        socket.Options.SetRequestHeader("Authorization", "Bearer " + Conformance.GraphQLServerFixture.Key);
        using var cancel = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(server.WebSocketUrl, cancel.Token);
        await SendAsync(socket, """{"type":"connection_init"}""");
        Assert.Equal("connection_ack", (await ReceiveAsync(socket))!.Value.GetProperty("type").GetString());
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string json) => WebSocketTestIO.SendAsync(socket, json);

    private static Task<JsonElement?> ReceiveAsync(ClientWebSocket socket) => WebSocketTestIO.ReceiveAsync(socket);

    /// <summary>Messages until one for the id has the type (next messages of other operations are skipped).</summary>
    private static async Task<JsonElement> ReceiveForAsync(ClientWebSocket socket, string id, string type)
    {
        while (true)
        {
            var message = await ReceiveAsync(socket) ?? throw new InvalidOperationException($"closed ({socket.CloseStatus}) before {type} for {id}");
            if (message.TryGetProperty("id", out var messageId) && messageId.GetString() == id && message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }

    [Fact]
    public async Task Eight_MiB_message_closes_the_connection_with_1009()
    {
        using var socket = await AcknowledgedAsync();
        var before = server.Observed.Count("cdp.graphql.requests.rejected{limit=websocket_message_bytes}");
        var payload = Encoding.UTF8.GetBytes("""{"id":"1","type":"subscribe","payload":{"query":"{ hello }""" + new string(' ', 8 * 1024 * 1024) + "\"}}");
        using var cancel = new CancellationTokenSource(Timeout);
        var sending = socket.SendAsync(payload, WebSocketMessageType.Text, true, cancel.Token);

        Assert.Null(await ReceiveAsync(socket));
        Assert.Equal(CloseCodes.MessageTooBig, (int?)socket.CloseStatus);
        Assert.Equal((WebSocketCloseStatus)1009, socket.CloseStatus);
        await sending;
        Assert.Equal(before + 1, server.Observed.Count("cdp.graphql.requests.rejected{limit=websocket_message_bytes}"));
    }

    [Fact]
    public async Task Message_at_the_limit_is_read_whole()
    {
        using var socket = await AcknowledgedAsync();
        var head = """{"id":"1","type":"subscribe","payload":{"query":"{ hello }""";
        var json = head + new string(' ', server.Options.MaxWebSocketMessageBytes - head.Length - 3) + "\"}}";
        Assert.Equal(server.Options.MaxWebSocketMessageBytes, Encoding.UTF8.GetByteCount(json));

        await SendAsync(socket, json);

        var error = await ReceiveForAsync(socket, "1", "error");
        Assert.Equal($"The document is more than {server.Options.MaxDocumentBytes} bytes long, the maximum.",
            error.GetProperty("payload")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Operations_over_the_cap_are_refused_one_by_one_until_one_completes()
    {
        using var socket = await AcknowledgedAsync();
        for (var i = 1; i <= LimitsServerFixture.MaxSubscriptionsPerConnection; i++)
        {
            var id = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await SendAsync(socket, """{"id":""" + "\"" + id + "\"" + ""","type":"subscribe","payload":{"query":"subscription { count(to: 1000000) }"}}""");
            await ReceiveForAsync(socket, id, "next");
        }

        await SendAsync(socket, """{"id":"over","type":"subscribe","payload":{"query":"subscription { count(to: 1000000) }"}}""");
        var refused = await ReceiveForAsync(socket, "over", "error");
        Assert.Equal(
            $"Too many operations on this connection: at most {LimitsServerFixture.MaxSubscriptionsPerConnection} may run at once; complete one first.",
            refused.GetProperty("payload")[0].GetProperty("message").GetString());
        Assert.Equal(WebSocketState.Open, socket.State);

        await SendAsync(socket, """{"id":"1","type":"complete"}""");
        await SendAsync(socket, """{"id":"after","type":"subscribe","payload":{"query":"subscription { count(to: 1000000) }"}}""");
        await ReceiveForAsync(socket, "after", "next");
    }

    [Fact]
    public async Task Fault_in_an_event_source_ends_the_operation_with_a_logged_id()
    {
        using var socket = await AcknowledgedAsync();

        await SendAsync(socket, """{"id":"f","type":"subscribe","payload":{"query":"subscription { countThenFault(to: 1) }"}}""");

        var next = await ReceiveForAsync(socket, "f", "next");
        Assert.Equal(1, next.GetProperty("payload").GetProperty("data").GetProperty("countThenFault").GetInt32());
        var error = await ReceiveForAsync(socket, "f", "error");
        var id = InternalErrorAssert.Hidden(error.GetProperty("payload")[0]);
        InternalErrorAssert.Logged(server.Observed, id);
        Assert.Equal(WebSocketState.Open, socket.State);
    }
}
