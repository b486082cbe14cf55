using Npgsql;
using Streaming.Platform.Postgres;

namespace Streaming.TestSupport;

/// <summary>
/// A database of its own for one test class, on the server that <c>./streaming test</c> started
/// (or the one <c>ConnectionStrings__Postgres</c> names), dropped when the test is done.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The server's connection string, from the environment or the local default.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? PostgresOptions.LocalDefault;

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = "cdp_test_" + Guid.NewGuid().ToString("N")[..12];
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        await using (var admin = await OpenAdminAsync(server))
        {
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        server.Database = name;
        return new TestDatabase(name, server.ConnectionString);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAdminAsync(new NpgsqlConnectionStringBuilder(ServerConnectionString));
        await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync(NpgsqlConnectionStringBuilder server)
    {
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
