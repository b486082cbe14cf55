using Streaming.Domain.Costs.Calls;
using Streaming.Domain.Costs.Pricing;

namespace Streaming.Domain.Tests.Costs;

/// <summary>A known price table and call builder, so expected costs can be worked out by hand.</summary>
internal static class TestPrices
{
    public static readonly DateTimeOffset March1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // $3 / $15 / $0.30 / $3.75 per million tokens.
    public const string CatalogJson = """
        {"checked":"2026-03-01","prices":[
          {"provider":"anthropic","model":"claude-test","effective_from":"2026-01-01",
           "input_cost_per_token":0.000003,"output_cost_per_token":0.000015,
           "cache_read_input_token_cost":0.0000003,"cache_creation_input_token_cost":0.00000375},
          {"provider":"anthropic","model":"claude-test","effective_from":"2026-03-15",
           "input_cost_per_token":0.000002,"output_cost_per_token":0.00001,
           "cache_read_input_token_cost":0.0000002,"cache_creation_input_token_cost":0.0000025},
          {"provider":"openai","model":"gpt-test","effective_from":"2026-01-01",
           "input_cost_per_token":0.0000025,"output_cost_per_token":0.00001,
           "cache_read_input_token_cost":0.00000125},
          {"provider":"ollama","model":"*","effective_from":"2000-01-01",
           "input_cost_per_token":0,"output_cost_per_token":0}
        ]}
        """;

    public static PriceCatalog Catalog() => PriceCatalogJson.Parse(CatalogJson, PriceSource.Catalog);

    public static LlmCall Call(
        string model = "claude-test",
        string provider = "anthropic",
        DateTimeOffset? at = null,
        long input = 0,
        long output = 0,
        long cacheRead = 0,
        long cacheWrite = 0,
        string id = "call-1") => new()
    {
        Id = id,
        OccurredAt = at ?? March1.AddDays(2),
        Provider = provider,
        Model = model,
        Tokens = new TokenUsage(input, output, cacheRead, cacheWrite),
    };
}
