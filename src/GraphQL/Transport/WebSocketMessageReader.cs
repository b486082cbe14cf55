using System.Buffers;
using System.Net.WebSockets;

namespace Streaming.GraphQL.Transport;

/// <summary>
/// Reads one whole WebSocket message into a buffer of at most <c>maxBytes</c>: a longer message is
/// reported as soon as it passes the limit, with the rest left unread (the caller closes with
/// <see cref="CloseCodes.MessageTooBig"/>), so a client cannot make the server hold a message of any size.
/// </summary>
internal sealed class WebSocketMessageReader(int maxBytes)
{
    public enum Outcome
    {
        Message,
        Closed,
        TooBig,
    }

    private const int ChunkBytes = 4096;

    // A buffer grown by one big message is dropped afterwards, so an idle connection holds little.
    private const int RetainedBytes = 64 * 1024;

    private ArrayBufferWriter<byte> _buffer = new(ChunkBytes);

    /// <summary>The message read by the last <see cref="ReceiveAsync"/> that returned <see cref="Outcome.Message"/>.</summary>
    public ReadOnlySpan<byte> Message => _buffer.WrittenSpan;

    public async Task<Outcome> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (_buffer.Capacity > RetainedBytes)
        {
            _buffer = new ArrayBufferWriter<byte>(ChunkBytes);
        }

        _buffer.Clear();
        ValueWebSocketReceiveResult received;
        do
        {
            // At most one byte past the limit is asked for: enough to know the message is too big.
            var room = Math.Min(ChunkBytes, maxBytes - _buffer.WrittenCount + 1);
            received = await socket.ReceiveAsync(_buffer.GetMemory(room)[..room], cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return Outcome.Closed;
            }

            _buffer.Advance(received.Count);
            if (_buffer.WrittenCount > maxBytes)
            {
                return Outcome.TooBig;
            }
        }
        while (!received.EndOfMessage);

        return Outcome.Message;
    }
}
