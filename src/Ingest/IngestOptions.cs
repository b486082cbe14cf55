using System.ComponentModel.DataAnnotations;

namespace Streaming.Ingest;

/// <summary>Settings of the HTTP edge, bound from the <c>Ingest</c> configuration section.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>How often the write-key cache reloads from PostgreSQL: a revoked key stops working within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a request waits for Kafka to acknowledge its records before answering 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest single event (an item of a batch, or a single call's body), in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxEventBytes { get; set; } = 32 * 1024;

    /// <summary>Largest batch body (after gzip decompression), in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = 500 * 1024;

    /// <summary>Default per-tenant rate limit, for tenants without a row in <c>cdp.tenant_ingest_limits</c>.</summary>
    [Range(1, int.MaxValue)]
    public int RateLimitEventsPerSecond { get; set; } = 1_000_000;

    /// <summary>Default burst (bucket size) of the per-tenant rate limit, in events.</summary>
    [Range(1, int.MaxValue)]
    public int RateLimitBurst { get; set; } = 2_000_000;

    /// <summary>A tenant created on start if missing (the all-in-one demo). Empty: none.</summary>
    public string? DemoTenant { get; set; }

    /// <summary>The demo tenant's write key, created on start if missing and logged.</summary>
    public string? DemoWriteKey { get; set; }

    /// <summary>
    /// Largest body read from a request without an Authorization header (its key can only be the
    /// body's <c>writeKey</c>, as browser beacons send it): such a request needs a Content-Length
    /// at most this, or it is refused (401) before its body is read.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxUnauthenticatedBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// HMAC-SHA256 secret of the email open and click tokens (at least 32 characters). Unset: a
    /// random secret generated once and kept in <c>cdp.server_secrets</c>, shared by every process
    /// on the database. Outside Development a placeholder (anything starting with
    /// <see cref="PlaceholderSecretPrefix"/>) stops the host from starting.
    /// </summary>
    [MinLength(32)]
    public string? EmailTokenSecret { get; set; }

    /// <summary>How the example secrets of docs and old defaults begin; never a real secret.</summary>
    public const string PlaceholderSecretPrefix = "change-me";

    /// <summary>
    /// Source networks (CIDR) whose email opens are privacy-proxy prefetches, not people.
    /// Default: Apple's 17.0.0.0/8 (Mail Privacy Protection fetches through Apple's proxies).
    /// </summary>
    public IList<string> PrivacyProxyNetworks { get; } = ["17.0.0.0/8"];
}
