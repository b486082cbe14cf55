using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Streaming.TestSupport;

namespace Streaming.Platform.Tests.Hosting;

/// <summary>Runs <c>./streaming up</c> as a newcomer would, in its own process group.</summary>
public sealed partial class StreamingUpTests
{
    [Fact]
    public async Task Streaming_up_serves_healthz_prints_a_bootstrap_kcat_can_produce_to_and_stops_on_ctrl_c()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("setsid", ["./streaming", "up", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var up = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        up.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        up.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        up.BeginOutputReadLine();
        up.BeginErrorReadLine();
        try
        {
            string? bootstrap = null;
            await Eventually.Until(() =>
            {
                bootstrap = output.Select(l => BootstrapLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
                return bootstrap is not null || up.HasExited;
            }, TimeSpan.FromMinutes(4), "the bootstrap address in the output of ./streaming up");
            Assert.True(bootstrap is not null, "no bootstrap line; output:\n" + string.Join('\n', output));

            using var http = new HttpClient();
            var live = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

            using (var kcat = Process.Start(new ProcessStartInfo("kcat", ["-P", "-b", bootstrap!, "-t", "cdp.events"])
            {
                RedirectStandardInput = true,
                RedirectStandardError = true,
            })!)
            {
                await kcat.StandardInput.WriteAsync("{\"hello\":\"from kcat\"}\n");
                kcat.StandardInput.Close();
                await kcat.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.True(kcat.ExitCode == 0, await kcat.StandardError.ReadToEndAsync());
            }

            // Ctrl-C: SIGINT to the whole process group, as a terminal sends it.
            Process.Start("kill", ["-INT", "--", $"-{up.Id}"])!.WaitForExit();
            await up.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(up.ExitCode == 0, $"exit code {up.ExitCode}; output:\n" + string.Join('\n', output));
        }
        finally
        {
            if (!up.HasExited)
            {
                Process.Start("kill", ["-KILL", "--", $"-{up.Id}"])!.WaitForExit();
            }
        }
    }

    [GeneratedRegex(@"Kafka bootstrap: (\S+)")]
    private static partial Regex BootstrapLine();
}
