using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Streaming.Ingest.Tests.Support;

internal static class Requests
{
    public static HttpRequestMessage Post(string path, string json, string? writeKey = IngestHost.WriteKey, bool gzip = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (gzip)
        {
            using var buffer = new MemoryStream();
            using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                zip.Write(Encoding.UTF8.GetBytes(json));
            }

            request.Content = new ByteArrayContent(buffer.ToArray());
            request.Content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            request.Content = new StringContent(json, Encoding.UTF8);
        }

        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (writeKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        }

        return request;
    }
}
