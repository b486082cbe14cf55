namespace Streaming.Domain.Costs.Pricing;

/// <summary>A price list that cannot be loaded: <see cref="Path"/> is the JSON path of the offending value.</summary>
public sealed class PriceCatalogException : Exception
{
    public PriceCatalogException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    public PriceCatalogException()
        : this("$", "invalid price catalog")
    {
    }

    public PriceCatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "$";
        Reason = message;
    }

    public string Path { get; } = "$";

    public string Reason { get; } = "";
}
