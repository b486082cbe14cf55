using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Streaming.Platform.Kafka.Native;

/// <summary>
/// The one librdkafka of the process: the build ships librdkafka.redist's self-contained linux
/// build as <c>runtimes/linux-x64/native/librdkafka.so</c> (Directory.Build.targets), but the
/// runtime falls back to any system librdkafka when that file cannot load, and Debian's 2.0.2
/// (a dependency of kcat) is often installed. <see cref="EnsureLoaded"/> loads the client's
/// library, refuses to run on any version but <see cref="RequiredMajor"/>.<see cref="RequiredMinor"/>.x,
/// and binds this assembly's own P/Invoke (the embedded broker's mock-cluster API) to the very
/// file the client loaded, so the process never holds two copies.
/// </summary>
public static class KafkaNativeLibrary
{
    public const int RequiredMajor = 2;
    public const int RequiredMinor = 16;

    /// <summary>The name this assembly's P/Invoke declarations import.</summary>
    internal const string ImportName = "librdkafka";

    private static readonly Lazy<(string Version, string? FilePath)> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded librdkafka's version, e.g. <c>2.16.0</c>.</summary>
    public static string Version => Loaded.Value.Version;

    /// <summary>The file the client loaded; null where the platform does not say (not Linux).</summary>
    public static string? FilePath => Loaded.Value.FilePath;

    /// <summary>
    /// Loads the client's librdkafka (once), checks its version and binds the mock-cluster
    /// P/Invoke to it. Throws <see cref="InvalidOperationException"/> on a wrong version or a
    /// second copy; called before any Kafka client or the embedded broker is created.
    /// </summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

    /// <summary>Throws unless <paramref name="version"/> is a supported librdkafka release.</summary>
    public static void CheckVersion(string version, string? filePath)
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.Split('.', '-');
        if (parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor)
            && major == RequiredMajor && minor == RequiredMinor)
        {
            return;
        }

        throw new InvalidOperationException(
            $"librdkafka {version} is loaded{(filePath is null ? "" : " from " + filePath)}, but this build needs " +
            $"{RequiredMajor}.{RequiredMinor}.x: the build output must carry librdkafka.redist's self-contained build as " +
            "runtimes/linux-x64/native/librdkafka.so (Directory.Build.targets puts it there; rebuild or republish), " +
            "otherwise the runtime falls back to a system librdkafka such as Debian's.");
    }

    /// <summary>Every distinct librdkafka file mapped into this process (Linux: from /proc/self/maps).</summary>
    public static IReadOnlyList<string> MappedFiles()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        return File.ReadLines("/proc/self/maps")
            .Select(MappedPath)
            .Where(path => path is not null && System.IO.Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            .Select(path => path!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static (string Version, string? FilePath) Load()
    {
        // Reading the version makes Confluent.Kafka load its native library.
        var version = Library.VersionString;
        string? filePath = null;
        if (OperatingSystem.IsLinux())
        {
            var mapped = MappedFiles();
            if (mapped.Count != 1)
            {
                throw new InvalidOperationException(
                    $"Expected exactly one librdkafka in the process, found {mapped.Count}: {string.Join(", ", mapped)}.");
            }

            filePath = mapped[0];
        }

        CheckVersion(version, filePath);
        NativeLibrary.SetDllImportResolver(typeof(KafkaNativeLibrary).Assembly, (name, _, _) =>
            name != ImportName ? 0
            : filePath is not null ? NativeLibrary.Load(filePath)
            : NativeLibrary.Load(ImportName, typeof(Library).Assembly, null));
        return (version, filePath);
    }

    /// <summary>The path column of a /proc/self/maps line (the sixth field), if it names a file.</summary>
    private static string? MappedPath(string line)
    {
        var slash = line.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? null : line[slash..].Trim();
    }
}
