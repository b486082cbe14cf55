using System.Diagnostics;
using System.Text.RegularExpressions;
using Streaming.TestSupport;

namespace Streaming.Platform.Tests;

public sealed partial class RepositoryTests
{
    [Fact]
    public async Task The_compose_file_passes_the_compose_schema_check()
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", "docker-compose.yml", "config", "-q"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var check = Process.Start(start)!;
        var errors = await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();

        Assert.True(check.ExitCode == 0, errors);
    }

    [Fact]
    public void Ci_runs_the_test_command_the_readme_gives_a_newcomer()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var ci = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".ci", "run"));

        var readmeTest = ReadmeTestCommand().Match(readme);
        Assert.True(readmeTest.Success, "the README names no test command in a shell block");
        Assert.Contains(readmeTest.Groups[1].Value.Trim(), ci.Select(l => l.Trim()));
    }

    [GeneratedRegex(@"```(?:sh|bash)\s*\n(\./streaming test)\s*\n")]
    private static partial Regex ReadmeTestCommand();
}
