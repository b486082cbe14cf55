using System.Diagnostics;
using Npgsql;

namespace Streaming.TestSupport;

/// <summary>
/// A PostgreSQL server of the test's own (initdb into a temporary folder, its own port), for tests that
/// must stop or restart the server. Never the shared server on 55432. Removed on dispose.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private PrivatePostgresServer(string folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
    }

    public int Port { get; }

    /// <summary>The server's "postgres" database, trust authentication on loopback.</summary>
    public string ConnectionString { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<PrivatePostgresServer> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql.");
        var folder = Path.Combine(Path.GetTempPath(), "cdp-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var server = new PrivatePostgresServer(folder, bin, FreePort.Next());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres:postgres", folder]);
        }

        await server.PgAsync("initdb", ["-D", server.DataFolder, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Stops the server the hard way (like a crash: recovery runs on start) and starts it again.</summary>
    public async Task RestartAsync()
    {
        await PgAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        await StartServerAsync();
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected) until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"]);

    public Task StartAgainAsync() => StartServerAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task StartServerAsync() => PgAsync("pg_ctl",
    [
        "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
        "start",
    ]);

    /// <summary>Runs a server binary as the postgres user (PostgreSQL refuses to run as root).</summary>
    private Task PgAsync(string tool, string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
