using System.ComponentModel.DataAnnotations;

namespace Streaming.GraphQL;

/// <summary>Settings of the read API (section "GraphQL"; environment variables GraphQL__MaxDepth, ...).</summary>
public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    [Range(1, 1000)]
    public int MaxDepth { get; set; } = 20;

    [Range(1, long.MaxValue)]
    public long MaxCost { get; set; } = 50_000;

    [Range(100, 1_000_000)]
    public int MaxTokens { get; set; } = 15_000;

    [Range(1, 1_000_000)]
    public int DocumentCacheSize { get; set; } = 1000;

    [Range(100, 600_000)]
    public int ConnectionInitTimeoutMs { get; set; } = 3000;
}
