using System.ComponentModel.DataAnnotations;

namespace Streaming.GraphQL;

/// <summary>Settings of the read API (section "GraphQL"; environment variables GraphQL__MaxDepth, ...), each limit documented in docs/graphql.md.</summary>
public sealed class GraphQLOptions : IValidatableObject
{
    public const string Section = "GraphQL";

    [Range(1, 1000)]
    public int MaxDepth { get; set; } = 20;

    [Range(1, long.MaxValue)]
    public long MaxCost { get; set; } = 100_000;

    [Range(100, 1_000_000)]
    public int MaxTokens { get; set; } = 15_000;

    /// <summary>The largest document (query text) in UTF-8 bytes, refused before parsing (413 over HTTP).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxDocumentBytes { get; set; } = 128 * 1024;

    /// <summary>The largest HTTP request body (query, variables, extensions), refused from its Content-Length or after reading this much (413).</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Fields one operation may select, fragments expanded where they are spread.</summary>
    [Range(1, 1_000_000)]
    public int MaxFields { get; set; } = 1000;

    /// <summary>Aliases one operation may use, fragments expanded where they are spread.</summary>
    [Range(0, 1_000_000)]
    public int MaxAliases { get; set; } = 100;

    [Range(1, 1_000_000)]
    public int DocumentCacheSize { get; set; } = 1000;

    /// <summary>What the cached documents may keep alive in bytes (query text, syntax tree, plans, cached responses).</summary>
    [Range(64 * 1024, long.MaxValue)]
    public long DocumentCacheBytes { get; set; } = 32L * 1024 * 1024;

    [Range(100, 600_000)]
    public int ConnectionInitTimeoutMs { get; set; } = 3000;

    /// <summary>The largest WebSocket message; a bigger one closes the connection with 1009 after reading this much.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxWebSocketMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Operations one WebSocket connection may run at once; one more is answered with an error message.</summary>
    [Range(1, 100_000)]
    public int MaxSubscriptionsPerConnection { get; set; } = 100;

    /// <summary>How long the server waits for the client's close frame after closing a connection (then it drops it).</summary>
    [Range(100, 600_000)]
    public int WebSocketCloseTimeoutMs { get; set; } = 5000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDocumentBytes > MaxRequestBytes)
        {
            yield return new ValidationResult($"MaxDocumentBytes ({MaxDocumentBytes}) must not exceed MaxRequestBytes ({MaxRequestBytes}).",
                [nameof(MaxDocumentBytes), nameof(MaxRequestBytes)]);
        }

        if (MaxDocumentBytes > MaxWebSocketMessageBytes)
        {
            yield return new ValidationResult($"MaxDocumentBytes ({MaxDocumentBytes}) must not exceed MaxWebSocketMessageBytes ({MaxWebSocketMessageBytes}).",
                [nameof(MaxDocumentBytes), nameof(MaxWebSocketMessageBytes)]);
        }
    }
}
