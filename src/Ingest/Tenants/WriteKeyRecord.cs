namespace Streaming.Ingest.Tenants;

/// <summary>An active write key: the tenant it authenticates and that tenant's rate limit.</summary>
internal sealed record WriteKeyRecord(string Key, string TenantId, int EventsPerSecond, int Burst)
{
    /// <summary>The key as a Kafka header value, encoded once.</summary>
    public byte[] KeyUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(Key);
}
