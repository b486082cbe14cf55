using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Streaming.GraphQL.Execution;
using Streaming.Host;
using Streaming.Platform.Security;
using Streaming.Platform.Security.Keys;
using Streaming.TestSupport;

namespace Streaming.Platform.Tests.Security;

/// <summary>
/// The all-in-one host with two tenants: acme (a write key and one secret key per scope) and
/// other (an admin key). Shared by the tests of one class.
/// </summary>
public sealed class SecuredHost : IAsyncLifetime
{
    public const string Acme = "acme";
    public const string Other = "other";
    public const string AcmeWriteKey = "wk_acme_security";

    private WebApplication? _app;

    public TestDatabase Database { get; private set; } = null!;

    public NpgsqlDataSource Db => Database.DataSource;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>acme's secret keys by scope.</summary>
    public Dictionary<string, CreatedKey> AcmeKeys { get; } = [];

    /// <summary>other's secret keys by scope.</summary>
    public Dictionary<string, CreatedKey> OtherKeys { get; } = [];

    public GraphQLExecutor GraphQL => _app!.Services.GetRequiredService<GraphQLExecutor>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        _app = AllInOne.Create(["--urls", BaseAddress.ToString(), $"--ConnectionStrings:Postgres={Database.ConnectionString}", "--Ingest:DemoTenant="]);
        await _app.StartAsync();
        await KeyAdmin.CreateTenantAsync(Db, Acme, "Acme", default);
        await KeyAdmin.CreateTenantAsync(Db, Other, "Other", default);
        await KeyAdmin.CreateWriteKeyAsync(Db, Acme, AcmeWriteKey, default);
        foreach (var scope in Scopes.All)
        {
            AcmeKeys[scope] = await KeyAdmin.CreateSecretKeyAsync(Db, Acme, [scope], "test " + scope, default);
            OtherKeys[scope] = await KeyAdmin.CreateSecretKeyAsync(Db, Other, [scope], "test " + scope, default);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>A client sending <paramref name="authorization"/> ("Bearer ..." or "Basic ..."), or none.</summary>
    public HttpClient Client(string? authorization)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return client;
    }

    public static string Bearer(string key) => "Bearer " + key;

    public static string Basic(string writeKey) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":"));

    public async Task<long> CountAsync(string sql)
    {
        await using var command = Db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
