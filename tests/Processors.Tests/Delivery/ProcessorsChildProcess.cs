using System.Collections.Concurrent;
using System.Diagnostics;
using Streaming.TestSupport;

namespace Streaming.Processors.Tests.Delivery;

/// <summary>The processors role as a child process (the built Streaming.Processors.dll), killable with SIGKILL.</summary>
public sealed class ProcessorsChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ProcessorsChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string DllPath { get; } = Path.Combine(RepositoryRoot.Path, "src", "Processors", "bin", "Release", "net10.0", "Streaming.Processors.dll");

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it printed, for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    public static ProcessorsChildProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Assert.True(File.Exists(DllPath), $"{DllPath} is not built");
        var start = new ProcessStartInfo("dotnet", [DllPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DllPath)!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ProcessorsChildProcess(Process.Start(start)!);
    }

    /// <summary>SIGKILL: no shutdown hooks, no offset commit, no flush.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 40)
        {
            _output.TryDequeue(out _);
        }
    }
}
