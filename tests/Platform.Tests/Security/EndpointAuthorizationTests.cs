using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Streaming.GraphQL.Types;
using Streaming.Platform.Security;
using Streaming.Platform.Security.Keys;
using Streaming.TestSupport;

namespace Streaming.Platform.Tests.Security;

/// <summary>
/// Every endpoint that is not tracking, health or email tracking, and every GraphQL root field,
/// on the all-in-one host: no key 401, a write key 403, a key without the scope 403, another
/// tenant's key 403 or not found, the right key 2xx.
/// </summary>
public sealed class EndpointAuthorizationTests(SecuredHost host) : IClassFixture<SecuredHost>
{
    private async Task<HttpStatusCode> SendAsync(string? authorization, HttpMethod method, string path, string? json = null)
    {
        using var client = host.Client(authorization);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The refusals every protected endpoint gives, checked before the endpoint may do anything.</summary>
    /// <remarks>GraphQL answers a key without the field's scope with a FORBIDDEN field error, not a status (<paramref name="scopeByStatus"/> false).</remarks>
    private async Task AssertRefusedWithoutTheScopeAsync(HttpMethod method, string path, string scope, string? json = null, bool scopeByStatus = true)
    {
        var wrongScope = Scopes.All.First(s => s != scope && s != Scopes.Admin);
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(null, method, path, json));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(SecuredHost.Bearer("sk_live_madeup0000000000000000000000000000000000"), method, path, json));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(SecuredHost.Bearer(SecuredHost.AcmeWriteKey), method, path, json));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(SecuredHost.Basic(SecuredHost.AcmeWriteKey), method, path, json));
        if (scopeByStatus)
        {
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(SecuredHost.Bearer(host.AcmeKeys[wrongScope].Key), method, path, json));
        }
    }

    private async Task IdentifyAsync(string userId, string email)
    {
        using var client = host.Client(SecuredHost.Basic(SecuredHost.AcmeWriteKey));
        var body = JsonSerializer.Serialize(new { userId, traits = new { email } });
        // The edge learns of the write key at its next key refresh.
        await Eventually.Until(async () =>
        {
            using var response = await client.PostAsync(new Uri("/v1/identify", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), "the identify accepted");
        await Eventually.Until(
            async () => await SendAsync(SecuredHost.Bearer(host.AcmeKeys[Scopes.Privacy].Key), HttpMethod.Get, $"/v1/privacy/userId/{userId}") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), $"{userId}'s profile");
    }

    [Fact]
    public async Task Privacy_export_needs_a_privacy_key_and_finds_only_the_keys_tenant()
    {
        await IdentifyAsync("ada", "ada@example.com");
        const string path = "/v1/privacy/email/ada@example.com";

        await AssertRefusedWithoutTheScopeAsync(HttpMethod.Get, path, Scopes.Privacy);
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(SecuredHost.Bearer(host.OtherKeys[Scopes.Privacy].Key), HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(SecuredHost.Bearer(host.AcmeKeys[Scopes.Privacy].Key), HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(SecuredHost.Bearer(host.AcmeKeys[Scopes.Admin].Key), HttpMethod.Get, path));
    }

    [Fact]
    public async Task Privacy_erasure_needs_a_privacy_key_and_another_tenants_key_erases_nothing()
    {
        await IdentifyAsync("bob", "bob@example.com");
        const string path = "/v1/privacy/userId/bob";

        await AssertRefusedWithoutTheScopeAsync(HttpMethod.Delete, path, Scopes.Privacy);
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(SecuredHost.Bearer(host.OtherKeys[Scopes.Privacy].Key), HttpMethod.Delete, path));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(SecuredHost.Bearer(host.AcmeKeys[Scopes.Privacy].Key), HttpMethod.Get, path));

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(SecuredHost.Bearer(host.AcmeKeys[Scopes.Privacy].Key), HttpMethod.Delete, path));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(SecuredHost.Bearer(host.AcmeKeys[Scopes.Privacy].Key), HttpMethod.Get, path));
    }

    [Fact]
    public async Task An_erasure_of_a_person_nobody_has_writes_nothing()
    {
        var suppressions = await host.CountAsync("select count(*) from cdp.suppressions");
        var handled = await host.CountAsync("select count(*) from cdp.handled_messages");

        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(SecuredHost.Bearer(host.AcmeKeys[Scopes.Privacy].Key), HttpMethod.Delete, "/v1/privacy/email/nobody@example.com"));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(SecuredHost.Bearer(host.OtherKeys[Scopes.Privacy].Key), HttpMethod.Delete, "/v1/privacy/userId/nobody"));

        Assert.Equal(suppressions, await host.CountAsync("select count(*) from cdp.suppressions"));
        Assert.Equal(handled, await host.CountAsync("select count(*) from cdp.handled_messages"));
    }

    [Fact]
    public async Task Privacy_requests_with_a_bad_type_or_value_get_400_naming_the_field()
    {
        using var client = host.Client(SecuredHost.Bearer(host.AcmeKeys[Scopes.Privacy].Key));
        using var type = await client.GetAsync(new Uri("/v1/privacy/shoeSize/42", UriKind.Relative));
        using var value = await client.DeleteAsync(new Uri("/v1/privacy/email/undefined", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, type.StatusCode);
        Assert.Equal("type", (await type.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, value.StatusCode);
        Assert.Equal("value", (await value.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Listing_keys_needs_an_admin_key_and_shows_only_the_keys_tenant_without_secrets()
    {
        await AssertRefusedWithoutTheScopeAsync(HttpMethod.Get, "/v1/admin/keys", Scopes.Admin);
        using var client = host.Client(SecuredHost.Bearer(host.OtherKeys[Scopes.Admin].Key));
        var otherList = await client.GetStringAsync(new Uri("/v1/admin/keys", UriKind.Relative));
        using var acme = host.Client(SecuredHost.Bearer(host.AcmeKeys[Scopes.Admin].Key));
        var acmeList = await acme.GetStringAsync(new Uri("/v1/admin/keys", UriKind.Relative));

        Assert.DoesNotContain(host.AcmeKeys[Scopes.Read].Record.Id.ToString()!, otherList, StringComparison.Ordinal);
        Assert.DoesNotContain(SecuredHost.AcmeWriteKey, otherList, StringComparison.Ordinal);
        Assert.Contains(host.AcmeKeys[Scopes.Read].Record.Id.ToString()!, acmeList, StringComparison.Ordinal);
        Assert.All(host.AcmeKeys.Values, k => Assert.DoesNotContain(k.Key, acmeList, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_revoking_and_rotating_keys_needs_an_admin_key_of_the_keys_tenant()
    {
        const string body = """{"kind":"secret","scopes":["read"],"name":"dashboard"}""";
        await AssertRefusedWithoutTheScopeAsync(HttpMethod.Post, "/v1/admin/keys", Scopes.Admin, body);
        var victim = await KeyAdmin.CreateSecretKeyAsync(host.Db, SecuredHost.Acme, [Scopes.Read], "victim", default);
        var revoke = $"/v1/admin/keys/{victim.Record.Id}";
        var rotate = $"/v1/admin/keys/{victim.Record.Id}/rotate";
        await AssertRefusedWithoutTheScopeAsync(HttpMethod.Delete, revoke, Scopes.Admin);
        await AssertRefusedWithoutTheScopeAsync(HttpMethod.Post, rotate, Scopes.Admin);

        var other = SecuredHost.Bearer(host.OtherKeys[Scopes.Admin].Key);
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(other, HttpMethod.Delete, revoke));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(other, HttpMethod.Post, rotate));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(other, HttpMethod.Delete, "/v1/admin/keys/" + SecuredHost.AcmeWriteKey));

        var admin = SecuredHost.Bearer(host.AcmeKeys[Scopes.Admin].Key);
        Assert.Equal(HttpStatusCode.Created, await SendAsync(admin, HttpMethod.Post, "/v1/admin/keys", body));
        Assert.Equal(HttpStatusCode.Created, await SendAsync(admin, HttpMethod.Post, rotate));
        var replacement = await KeyAdmin.CreateSecretKeyAsync(host.Db, SecuredHost.Acme, [Scopes.Read], "to revoke", default);
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(admin, HttpMethod.Delete, $"/v1/admin/keys/{replacement.Record.Id}"));
    }

    [Fact]
    public async Task Creating_a_key_with_an_unknown_scope_gets_400_naming_scopes()
    {
        using var client = host.Client(SecuredHost.Bearer(host.AcmeKeys[Scopes.Admin].Key));
        using var response = await client.PostAsync(new Uri("/v1/admin/keys", UriKind.Relative),
            new StringContent("""{"kind":"secret","scopes":["root"]}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("scopes", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_within_seconds_and_a_rotated_key_is_replaced()
    {
        var key = await KeyAdmin.CreateSecretKeyAsync(host.Db, SecuredHost.Acme, [Scopes.Privacy], "short-lived", default);
        var rotating = await KeyAdmin.CreateSecretKeyAsync(host.Db, SecuredHost.Acme, [Scopes.Privacy], "rotating", default);
        const string path = "/v1/privacy/userId/nobody";
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(SecuredHost.Bearer(key.Key), HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(SecuredHost.Bearer(rotating.Key), HttpMethod.Get, path));

        Assert.True(await KeyAdmin.RevokeSecretKeyAsync(host.Db, SecuredHost.Acme, key.Record.Id!.Value, default));
        var rotated = await KeyAdmin.RotateSecretKeyAsync(host.Db, SecuredHost.Acme, rotating.Record.Id!.Value, default);

        await Eventually.Until(async () => await SendAsync(SecuredHost.Bearer(key.Key), HttpMethod.Get, path) == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "the revoked key refused");
        await Eventually.Until(async () => await SendAsync(SecuredHost.Bearer(rotating.Key), HttpMethod.Get, path) == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "the rotated-out key refused");
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(SecuredHost.Bearer(rotated!.Key), HttpMethod.Get, path));
        Assert.Equal([Scopes.Privacy], rotated.Record.Scopes);
    }

    private static readonly string[] RootQueryFieldNames = ["serverTime", "schemaMigrations"];

    public static TheoryData<string> RootQueryFields() => new(RootQueryFieldNames);

    [Fact]
    public void The_root_field_list_of_these_tests_is_the_schemas()
    {
        // A new root field must join RootQueryFields (and so the matrix below).
        Assert.Equal(RootQueryFieldNames.Order(), host.GraphQL.Schema.Query.Fields.Select(f => f.Name).Order());
        Assert.Equal(["serverTime"], host.GraphQL.Schema.Subscription!.Fields.Select(f => f.Name));
        Assert.Null(host.GraphQL.Schema.Mutation);
    }

    [Theory]
    [MemberData(nameof(RootQueryFields))]
    public async Task Every_root_query_field_needs_a_read_key(string field)
    {
        var definition = host.GraphQL.Schema.Query.Fields.Single(f => f.Name == field);
        var query = JsonSerializer.Serialize(new { query = "{ " + field + Selection(definition.Type) + " }" });

        await AssertRefusedWithoutTheScopeAsync(HttpMethod.Post, "/graphql", Scopes.Read, query, scopeByStatus: false);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(SecuredHost.Bearer(host.OtherKeys[Scopes.Read].Key), HttpMethod.Post, "/graphql", query));
        using var client = host.Client(SecuredHost.Bearer(host.AcmeKeys[Scopes.Read].Key));
        using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), new StringContent(query, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.TryGetProperty("errors", out _), body.ToString());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("data").GetProperty(field).ValueKind);
    }

    [Theory]
    [MemberData(nameof(RootQueryFields))]
    public async Task A_key_without_the_read_scope_gets_a_forbidden_field_error(string field)
    {
        var definition = host.GraphQL.Schema.Query.Fields.Single(f => f.Name == field);
        var query = JsonSerializer.Serialize(new { query = "{ " + field + Selection(definition.Type) + " }" });
        using var client = host.Client(SecuredHost.Bearer(host.AcmeKeys[Scopes.Privacy].Key));
        using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), new StringContent(query, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("FORBIDDEN", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task The_server_time_subscription_needs_a_read_key_in_connection_init()
    {
        Assert.Equal(4401, await SubscribeAsync(null));
        Assert.Equal(4403, await SubscribeAsync(SecuredHost.AcmeWriteKey));
        Assert.Equal(0, await SubscribeAsync(host.AcmeKeys[Scopes.Read].Key));
    }

    /// <summary>Close code of the connection, or 0 when a "next" arrived.</summary>
    private async Task<int> SubscribeAsync(string? key)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"ws://{host.BaseAddress.Authority}/graphql"), cancel.Token);
        var init = key is null ? """{"type":"connection_init"}""" : JsonSerializer.Serialize(new { type = "connection_init", payload = new { authorization = "Bearer " + key } });
        await socket.SendAsync(Encoding.UTF8.GetBytes(init), WebSocketMessageType.Text, true, cancel.Token);
        await socket.SendAsync("""{"id":"1","type":"subscribe","payload":{"query":"subscription { serverTime(intervalMs: 20) }"}}"""u8.ToArray(), WebSocketMessageType.Text, true, cancel.Token);
        var buffer = new byte[8192];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancel.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return (int)socket.CloseStatus!;
            }

            if (Encoding.UTF8.GetString(buffer, 0, received.Count).Contains("\"next\"", StringComparison.Ordinal))
            {
                return 0;
            }
        }
    }

    /// <summary>A selection set that completes a field of <paramref name="type"/>: its first scalar field for object types.</summary>
    private static string Selection(GraphQLType type) => type.Named switch
    {
        ObjectType o => " { " + o.Fields.First(f => f.Type.Named is ScalarType or EnumType).Name + " }",
        _ => "",
    };
}
