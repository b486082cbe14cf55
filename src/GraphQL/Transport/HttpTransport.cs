using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Streaming.GraphQL.Execution;

namespace Streaming.GraphQL.Transport;

/// <summary>
/// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): GET and POST, the
/// application/graphql-response+json and application/json media types, and their status codes.
/// </summary>
public static class HttpTransport
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static async Task HandleAsync(HttpContext context, GraphQLExecutor executor, Platform.Security.TenantScope? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(executor);
        var mediaType = Negotiate(context.Request.Headers.Accept);
        if (mediaType is null)
        {
            await WriteRequestError(context, StatusCodes.Status406NotAcceptable, Json, "Accept must allow application/graphql-response+json or application/json.");
            return;
        }

        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (!isGet && !HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteRequestError(context, StatusCodes.Status405MethodNotAllowed, mediaType, "Only GET and POST are supported.");
            return;
        }

        var limits = context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<GraphQLOptions>>()?.Value ?? new GraphQLOptions();
        var (request, error, status) = isGet ? ReadQueryString(context.Request, limits.MaxRequestBytes) : await ReadBody(context, limits.MaxRequestBytes);
        if (request is null)
        {
            if (status is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status414UriTooLong)
            {
                executor.Diagnostics.Rejected("request_bytes");
            }

            await WriteRequestError(context, status, mediaType, error!);
            return;
        }

        var result = await executor.ExecuteAsync(request, new ExecuteOptions { QueriesOnly = isGet, Services = context.RequestServices, Tenant = tenant }, context.RequestAborted);
        context.Response.StatusCode = StatusFor(result, mediaType);
        if (result.Failure == RequestFailure.MutationOverGet)
        {
            context.Response.Headers.Allow = "POST";
        }

        context.Response.ContentType = mediaType + "; charset=utf-8";
        GraphQLExecutor.WriteResult(context.Response.BodyWriter, result);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>https://graphql.github.io/graphql-over-http/draft/#sec-Status-Codes</summary>
    private static int StatusFor(ExecutionResult result, string mediaType) => result.Failure switch
    {
        RequestFailure.None => StatusCodes.Status200OK,
        RequestFailure.MutationOverGet => StatusCodes.Status405MethodNotAllowed,
        RequestFailure.DocumentTooLarge => StatusCodes.Status413PayloadTooLarge,
        // application/json keeps 200 for documents that fail before execution (legacy clients read the body).
        _ when mediaType == Json => StatusCodes.Status200OK,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return Json;
        }

        foreach (var header in accept)
        {
            foreach (var part in (header ?? string.Empty).Split(','))
            {
                var type = part.Split(';')[0].Trim().ToLowerInvariant();
                switch (type)
                {
                    case GraphQLResponseJson:
                        return GraphQLResponseJson;
                    case Json or "application/*" or "*/*":
                        return Json;
                }
            }
        }

        return null;
    }

    private static (GraphQLRequest? Request, string? Error, int Status) ReadQueryString(HttpRequest http, int maxBytes)
    {
        // Checked before the query string is split and decoded (Kestrel's request-line limit usually answers first).
        if (http.QueryString.Value?.Length > maxBytes)
        {
            return (null, $"The query string is longer than {maxBytes} bytes, the maximum.", StatusCodes.Status414UriTooLong);
        }

        var query = http.Query;
        if (!query.TryGetValue("query", out var text) || string.IsNullOrEmpty(text))
        {
            return (null, "Missing query.", StatusCodes.Status400BadRequest);
        }

        IReadOnlyDictionary<string, object?>? variables = null;
        IReadOnlyDictionary<string, object?>? extensions = null;
        try
        {
            if (query.TryGetValue("variables", out var v) && !string.IsNullOrEmpty(v))
            {
                variables = ParseObject(v!, "variables");
            }

            if (query.TryGetValue("extensions", out var e) && !string.IsNullOrEmpty(e))
            {
                extensions = ParseObject(e!, "extensions");
            }
        }
        catch (FormatException ex)
        {
            return (null, ex.Message, StatusCodes.Status400BadRequest);
        }

        var operationName = query.TryGetValue("operationName", out var name) && !string.IsNullOrEmpty(name) ? name.ToString() : null;
        return (new GraphQLRequest(text!, operationName, variables, extensions), null, 0);
    }

    private static Dictionary<string, object?>? ParseObject(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => JsonInput.ToDictionary(document.RootElement),
                JsonValueKind.Null => null,
                _ => throw new FormatException($"Parameter \"{name}\" must be a JSON object."),
            };
        }
        catch (JsonException)
        {
            throw new FormatException($"Parameter \"{name}\" is not valid JSON.");
        }
    }

    private static async Task<(GraphQLRequest? Request, string? Error, int Status)> ReadBody(HttpContext context, int maxBytes)
    {
        var contentType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (contentType != Json)
        {
            return (null, "Content-Type must be application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        var body = await RequestBody.ReadJsonAsync(context, maxBytes);
        if (body.Document is not { } document)
        {
            return (null, body.Error, body.Status);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a JSON object.", StatusCodes.Status400BadRequest);
            }

            if (!root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(query.GetString()))
            {
                return (null, "\"query\" must be a non-empty string.", StatusCodes.Status400BadRequest);
            }

            string? operationName = null;
            if (root.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
            {
                if (name.ValueKind != JsonValueKind.String)
                {
                    return (null, "\"operationName\" must be a string.", StatusCodes.Status400BadRequest);
                }

                operationName = name.GetString();
            }

            IReadOnlyDictionary<string, object?>? variables = null;
            if (root.TryGetProperty("variables", out var v) && v.ValueKind != JsonValueKind.Null)
            {
                if (v.ValueKind != JsonValueKind.Object)
                {
                    return (null, "\"variables\" must be an object.", StatusCodes.Status400BadRequest);
                }

                variables = JsonInput.ToDictionary(v);
            }

            IReadOnlyDictionary<string, object?>? extensions = null;
            if (root.TryGetProperty("extensions", out var e) && e.ValueKind != JsonValueKind.Null)
            {
                if (e.ValueKind != JsonValueKind.Object)
                {
                    return (null, "\"extensions\" must be an object.", StatusCodes.Status400BadRequest);
                }

                extensions = JsonInput.ToDictionary(e);
            }

            return (new GraphQLRequest(query.GetString()!, operationName, variables, extensions), null, 0);
        }
    }

    /// <summary>A 500 with an internal error's id, when the response has not started (otherwise the connection is aborted).</summary>
    internal static async Task WriteInternalErrorAsync(HttpContext context, string id)
    {
        if (context.Response.HasStarted || context.WebSockets.IsWebSocketRequest)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = Json + "; charset=utf-8";
        var error = new GraphQLError(GraphQLDiagnostics.ClientMessage(id), extensions: GraphQLDiagnostics.ClientExtensions(id));
        GraphQLExecutor.WriteResult(context.Response.BodyWriter, ExecutionResult.RequestError(RequestFailure.None, error));
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteRequestError(HttpContext context, int status, string mediaType, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType + "; charset=utf-8";
        GraphQLExecutor.WriteResult(context.Response.BodyWriter, ExecutionResult.RequestError(RequestFailure.Syntax, new GraphQLError(message)));
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
