using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Streaming.GraphQL.Tests.Conformance;

/// <summary>Sending and receiving graphql-transport-ws messages as JSON text, for the WebSocket tests.</summary>
internal static class WebSocketTestIO
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task SendAsync(ClientWebSocket socket, string json)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, cancel.Token);
    }

    /// <summary>The next text message, or null when the server closed the connection.</summary>
    public static async Task<JsonElement?> ReceiveAsync(ClientWebSocket socket)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(count), cancel.Token);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        using var document = JsonDocument.Parse(buffer.AsMemory(0, count));
        return document.RootElement.Clone();
    }
}
