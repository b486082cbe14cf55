namespace Streaming.Platform.Postgres;

/// <summary>
/// The PostgreSQL connection, from <c>ConnectionStrings:Postgres</c>. Without one, the local server
/// that <c>./streaming up</c> starts (loopback, port 55432, database "streaming") is used.
/// </summary>
public static class PostgresOptions
{
    public const string ConnectionStringName = "Postgres";

    public const string LocalDefault =
        "Host=127.0.0.1;Port=55432;Username=postgres;Database=streaming;Maximum Pool Size=64";
}
