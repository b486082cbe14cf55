using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Streaming.GraphQL.Tests.Conformance;

/// <summary>GraphQL over HTTP status codes and media types beyond what the graphql-http audits check.</summary>
[Collection(ServerCollection.Name)]
public sealed class HttpTransportTests(GraphQLServerFixture server) : IDisposable
{
    private readonly HttpClient _client = GraphQLServerFixture.AuthorizedClient();

    public void Dispose() => _client.Dispose();

    private async Task<(HttpStatusCode Status, string? MediaType, string Body)> PostAsync(string body, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.HttpUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await _client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_with_graphql_response_json_returns_200_for_data_and_400_for_invalid_documents()
    {
        var ok = await PostAsync("""{"query":"{ hello }"}""", "application/graphql-response+json");
        Assert.Equal((HttpStatusCode.OK, "application/graphql-response+json", """{"data":{"hello":"Hello world"}}"""), ok);
        var invalid = await PostAsync("""{"query":"{ nope }"}""", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        var syntax = await PostAsync("""{"query":"{"}""", "application/graphql-response+json");
        Assert.Equal((HttpStatusCode.BadRequest, """{"errors":[{"message":"Syntax Error: Expected Name, found \u003CEOF\u003E.","locations":[{"line":1,"column":2}]}]}"""), (syntax.Status, syntax.Body));
    }

    [Fact]
    public async Task Post_with_application_json_returns_200_even_for_invalid_documents()
    {
        var invalid = await PostAsync("""{"query":"{ nope }"}""", "application/json");
        Assert.Equal((HttpStatusCode.OK, "application/json"), (invalid.Status, invalid.MediaType));
    }

    [Fact]
    public async Task Get_runs_queries_and_refuses_mutations_with_405()
    {
        using var get = await _client.GetAsync(new Uri(server.HttpUrl, "?query=" + Uri.EscapeDataString("query($n: String) { hello(name: $n) }") + "&variables=" + Uri.EscapeDataString("""{"n":"get"}""")));
        Assert.Equal("""{"data":{"hello":"Hello get"}}""", await get.Content.ReadAsStringAsync());
        using var mutation = await _client.GetAsync(new Uri(server.HttpUrl, "?query=" + Uri.EscapeDataString("mutation { append(text: \"x\") }")));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutation.StatusCode);
        Assert.Contains("POST", mutation.Content.Headers.Allow);
    }

    [Fact]
    public async Task Unsupported_media_types_are_refused()
    {
        using var content = new StringContent("{ hello }", Encoding.UTF8, "text/plain");
        using var post = await _client.PostAsync(server.HttpUrl, content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, post.StatusCode);
        var notAcceptable = await PostAsync("""{"query":"{ hello }"}""", "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.Status);
    }
}
