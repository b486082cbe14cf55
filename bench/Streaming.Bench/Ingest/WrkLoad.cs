using System.Diagnostics;
using System.Globalization;

namespace Streaming.Bench.Ingest;

/// <summary>What one wrk run measured.</summary>
internal sealed record LoadResult(long Requests, double Seconds, double P99Ms, long Non2xx, long SocketErrors)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>
/// The load generator: <c>wrk</c> (Debian package) in its own process on loopback, POSTing one
/// fixed body over keep-alive connections; a Lua <c>done</c> hook prints the figures we parse.
/// </summary>
internal sealed class WrkLoad : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdp-bench-wrk-").FullName;

    public async Task<LoadResult> RunAsync(Uri url, string body, string? authorization, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var script = Path.Combine(_folder, $"post-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, $$"""
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            {{(authorization is null ? "" : $"wrk.headers[\"Authorization\"] = \"{authorization}\"")}}
            wrk.body = [==[{{body}}]==]
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, summary.duration,
                latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
            end
            """, cancellationToken);

        var start = new ProcessStartInfo("wrk",
        [
            "-t", "1", "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s", "-s", script, url.ToString(),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("wrk could not be started (apt-get install wrk; eng/setup.sh does).");
        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("wrk printed no result: " + output + await process.StandardError.ReadToEndAsync(cancellationToken));
            var f = line.Split(' ');
            return new LoadResult(
                long.Parse(f[1], CultureInfo.InvariantCulture),
                long.Parse(f[2], CultureInfo.InvariantCulture) / 1e6,
                long.Parse(f[3], CultureInfo.InvariantCulture) / 1e3,
                long.Parse(f[4], CultureInfo.InvariantCulture),
                long.Parse(f[5], CultureInfo.InvariantCulture));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
