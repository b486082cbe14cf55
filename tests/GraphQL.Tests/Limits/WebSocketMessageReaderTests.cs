using System.Net.WebSockets;
using Streaming.GraphQL.Transport;

namespace Streaming.GraphQL.Tests.Limits;

/// <summary>The reader stops at the limit: an 8 MiB message is refused having read little more than the limit from the wire.</summary>
public sealed class WebSocketMessageReaderTests
{
    private const int Limit = 64 * 1024;

    /// <summary>A client's side of the wire that sends one masked text frame of the given length, made up as it is read.</summary>
    private sealed class OneFrameStream(long payloadLength) : Stream
    {
        private readonly byte[] _header = Header(payloadLength);

        public long BytesRead { get; private set; }

        private static byte[] Header(long length)
        {
            // FIN + text, masked with a zero key (payload sent as is), 64-bit length.
            var header = new byte[2 + 8 + 4];
            header[0] = 0x81;
            header[1] = 0x80 | 127;
            for (var i = 0; i < 8; i++)
            {
                header[2 + i] = (byte)(length >> (8 * (7 - i)));
            }

            return header;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var total = _header.Length + payloadLength;
            var n = (int)Math.Min(buffer.Length, total - BytesRead);
            for (var i = 0; i < n; i++)
            {
                var position = BytesRead + i;
                buffer[i] = position < _header.Length ? _header[position] : (byte)' ';
            }

            BytesRead += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override void Flush()
        {
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Eight_MiB_message_is_refused_after_reading_little_more_than_the_limit()
    {
        await using var wire = new OneFrameStream(8 * 1024 * 1024);
        using var socket = WebSocket.CreateFromStream(wire, isServer: true, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);

        var outcome = await new WebSocketMessageReader(Limit).ReceiveAsync(socket, CancellationToken.None);

        Assert.Equal(WebSocketMessageReader.Outcome.TooBig, outcome);
        Assert.InRange(wire.BytesRead, Limit, Limit + (16 * 1024));
    }

    [Fact]
    public async Task Message_of_exactly_the_limit_is_read_whole()
    {
        await using var wire = new OneFrameStream(Limit);
        using var socket = WebSocket.CreateFromStream(wire, isServer: true, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        var reader = new WebSocketMessageReader(Limit);

        var outcome = await reader.ReceiveAsync(socket, CancellationToken.None);

        Assert.Equal(WebSocketMessageReader.Outcome.Message, outcome);
        Assert.Equal(Limit, reader.Message.Length);
    }
}
