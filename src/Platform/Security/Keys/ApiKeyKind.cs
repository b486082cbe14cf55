using System.Text.Json.Serialization;

namespace Streaming.Platform.Security.Keys;

/// <summary>The two kinds of key a tenant has (in JSON: "write", "secret").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiKeyKind>))]
public enum ApiKeyKind
{
    /// <summary>Public: ships in browser and app code; authenticates tracking calls and Kafka records only.</summary>
    [JsonStringEnumMemberName("write")]
    Write,

    /// <summary>Server-side, with scopes: every API that reads, defines, erases or administers.</summary>
    [JsonStringEnumMemberName("secret")]
    Secret,
}
