namespace Streaming.TestSupport;

public static class RepositoryRoot
{
    /// <summary>The checkout's root folder (where Streaming.sln is), found upward from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Streaming.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Streaming.sln not found above " + AppContext.BaseDirectory);
    }
}
