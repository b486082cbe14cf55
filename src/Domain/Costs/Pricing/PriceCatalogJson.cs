using System.Globalization;
using System.Text.Json;

namespace Streaming.Domain.Costs.Pricing;

/// <summary>
/// Reads a price list: <c>{"checked":"yyyy-MM-dd","prices":[entry, ...]}</c>, each entry with
/// <c>provider</c>, <c>model</c>, <c>effective_from</c> (a date, midnight UTC, or an ISO 8601 instant) and
/// LiteLLM's cost fields as JSON numbers in dollars per token, read as <see cref="decimal"/> so
/// <c>0.000003</c> stays exactly that. The reader is strict: an unknown field (a misspelt cost would
/// otherwise fall back silently), a negative or non-numeric cost, or a duplicated version throws
/// <see cref="PriceCatalogException"/> naming the path.
/// </summary>
public static class PriceCatalogJson
{
    internal const string DefaultResourceName = "Streaming.Domain.Costs.Pricing.default-prices.json";

    private static readonly string[] EntryFields =
    [
        "provider", "model", "effective_from", "input_cost_per_token", "output_cost_per_token",
        "cache_read_input_token_cost", "cache_creation_input_token_cost", "compute_cost_per_hour", "source",
    ];

    public static PriceCatalog Parse(string json, PriceSource source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PriceCatalogException("$", $"is not valid JSON ({e.Message})");
        }
        using (document)
        {
            return Read(document.RootElement, source);
        }
    }

    internal static PriceCatalog LoadDefault()
    {
        using var stream = typeof(PriceCatalogJson).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), PriceSource.Catalog);
    }

    private static PriceCatalog Read(JsonElement root, PriceSource source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PriceCatalogException("$", "must be an object with a prices array");
        }
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("checked" or "prices"))
            {
                throw new PriceCatalogException($"$.{property.Name}", "unknown field; expected checked, prices");
            }
        }
        DateOnly? checkedOn = null;
        if (root.TryGetProperty("checked", out var checkedElement))
        {
            checkedOn = DateOnly.FromDateTime(ReadInstant(checkedElement, "$.checked").UtcDateTime);
        }
        if (!root.TryGetProperty("prices", out var prices) || prices.ValueKind != JsonValueKind.Array)
        {
            throw new PriceCatalogException("$.prices", "must be an array");
        }
        var entries = prices.EnumerateArray().Select((e, i) => ReadEntry(e, $"$.prices[{i}]")).ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(entries[i].Provider, entries[j].Provider, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(entries[i].Model, entries[j].Model, StringComparison.OrdinalIgnoreCase)
                    && entries[i].EffectiveFrom == entries[j].EffectiveFrom)
                {
                    throw new PriceCatalogException($"$.prices[{i}]", $"repeats $.prices[{j}] (same provider, model and effective_from)");
                }
            }
        }
        return new PriceCatalog(entries, source, checkedOn);
    }

    private static ModelPrice ReadEntry(JsonElement entry, string path)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new PriceCatalogException(path, "must be an object");
        }
        foreach (var property in entry.EnumerateObject())
        {
            if (!EntryFields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new PriceCatalogException($"{path}.{property.Name}", $"unknown field; expected {string.Join(", ", EntryFields)}");
            }
        }
        var model = RequireString(entry, "model", path);
        if (model.IndexOf('*', StringComparison.Ordinal) is var star && star >= 0 && star != model.Length - 1)
        {
            throw new PriceCatalogException($"{path}.model", "a wildcard '*' may only end the name");
        }
        return new ModelPrice
        {
            Provider = RequireString(entry, "provider", path),
            Model = model,
            EffectiveFrom = ReadInstant(Require(entry, "effective_from", path), $"{path}.effective_from"),
            InputCostPerToken = ReadCost(Require(entry, "input_cost_per_token", path), $"{path}.input_cost_per_token"),
            OutputCostPerToken = ReadCost(Require(entry, "output_cost_per_token", path), $"{path}.output_cost_per_token"),
            CacheReadInputTokenCost = OptionalCost(entry, "cache_read_input_token_cost", path),
            CacheCreationInputTokenCost = OptionalCost(entry, "cache_creation_input_token_cost", path),
            ComputeCostPerHour = OptionalCost(entry, "compute_cost_per_hour", path),
            SourceUrl = entry.TryGetProperty("source", out var s) ? RequireString(entry, "source", path) : null,
        };
    }

    private static JsonElement Require(JsonElement entry, string name, string path) =>
        entry.TryGetProperty(name, out var value) ? value : throw new PriceCatalogException($"{path}.{name}", "missing");

    private static string RequireString(JsonElement entry, string name, string path)
    {
        var value = Require(entry, name, path);
        return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new PriceCatalogException($"{path}.{name}", $"must be a non-empty string, found {value.GetRawText()}");
    }

    private static decimal? OptionalCost(JsonElement entry, string name, string path) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? ReadCost(value, $"{path}.{name}")
            : null;

    private static decimal ReadCost(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var cost) && cost >= 0
            ? cost
            : throw new PriceCatalogException(path, $"must be a non-negative number of dollars, found {value.GetRawText()}");

    private static DateTimeOffset ReadInstant(JsonElement value, string path)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        if (text is not null && text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }
        throw new PriceCatalogException(path, $"must be a date (yyyy-MM-dd) or an ISO 8601 instant, found {value.GetRawText()}");
    }
}
