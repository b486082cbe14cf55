using System.Buffers;
using System.IO.Compression;

namespace Streaming.Ingest.Tracking;

/// <summary>
/// Reads a request body into a pooled buffer, inflating gzip, and refuses (413) a body larger
/// than the limit before reading more than the limit plus one buffer (no decompression bombs).
/// Dispose returns the buffer.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[] _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static async Task<RequestBody> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var gzip = IsGzip(request);
        if (!gzip && request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        var initial = !gzip && request.ContentLength is { } declared ? (int)declared : 4096;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256));
        var length = 0;
        try
        {
            var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length > limit)
                        {
                            throw TooLarge(limit);
                        }

                        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    var read = await source.ReadAsync(buffer.AsMemory(length), cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }
            catch (InvalidDataException)
            {
                throw new IngestRejectedException(IngestError.BadRequest("body", "the body is not valid gzip"));
            }
            finally
            {
                if (gzip)
                {
                    await source.DisposeAsync();
                }
            }

            if (length > limit)
            {
                throw TooLarge(limit);
            }

            return new RequestBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsGzip(HttpRequest request)
    {
        var encoding = request.Headers.ContentEncoding;
        return encoding.Count > 0 && encoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
    }

    private static IngestRejectedException TooLarge(int limit) =>
        new(IngestError.TooLarge("body", $"the body exceeds {limit} bytes"));
}
