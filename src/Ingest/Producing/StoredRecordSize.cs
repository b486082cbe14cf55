using System.Buffers;
using Confluent.Kafka;
using K4os.Compression.LZ4;

namespace Streaming.Ingest.Producing;

/// <summary>
/// How many bytes the broker keeps for one record, from above: the key, the headers, the value
/// as the producer's codec stores it, and the framing of a batch that holds the record alone.
/// The embedded broker counts those stored (compressed) batch bytes against its 5 MiB per
/// partition, so this is what the byte backpressure adds up.
/// </summary>
internal sealed class StoredRecordSize
{
    /// <summary>
    /// A record's own framing in a v2 batch (attributes, varint lengths and deltas: at most ~20)
    /// plus a whole batch header (61) and LZ4 frame (~15), as if the record travelled alone.
    /// </summary>
    private const int FramingBytes = 100;

    /// <summary>
    /// Values shorter than this count uncompressed: an upper bound that costs nothing on the hot
    /// path of ordinary events. Longer ones are compressed with LZ4 (the producer's codec, at its
    /// default level) to learn what they take, since they are what fills a partition.
    /// </summary>
    private const int CompressFromBytes = 2 * 1024;

    private readonly bool _lz4;

    public StoredRecordSize(CompressionType? codec)
    {
        // Any other codec counts values uncompressed: larger than stored, so still safe.
        _lz4 = codec == CompressionType.Lz4;
    }

    public int Of(Message<byte[], byte[]> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = FramingBytes + (message.Key?.Length ?? 0) + ValueBytes(message.Value);
        if (message.Headers is { } headers)
        {
            foreach (var header in headers)
            {
                // Header keys are ASCII names; two varint lengths each.
                size += header.Key.Length + (header.GetValueBytes()?.Length ?? 0) + 2;
            }
        }

        return size;
    }

    private int ValueBytes(byte[]? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (!_lz4 || value.Length < CompressFromBytes)
        {
            return value.Length;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(LZ4Codec.MaximumOutputSize(value.Length));
        try
        {
            var encoded = LZ4Codec.Encode(value, buffer, LZ4Level.L00_FAST);
            // Incompressible values come out slightly longer: still an upper bound of what is stored.
            // Encode answers -1 only when the buffer is too small, which MaximumOutputSize rules out.
            return encoded < 0 ? value.Length : encoded;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
