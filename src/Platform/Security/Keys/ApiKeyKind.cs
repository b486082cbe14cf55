namespace Streaming.Platform.Security.Keys;

/// <summary>The two kinds of key a tenant has.</summary>
public enum ApiKeyKind
{
    /// <summary>Public: ships in browser and app code; authenticates tracking calls and Kafka records only.</summary>
    Write,

    /// <summary>Server-side, with scopes: every API that reads, defines, erases or administers.</summary>
    Secret,
}
