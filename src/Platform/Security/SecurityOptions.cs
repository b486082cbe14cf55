using System.ComponentModel.DataAnnotations;

namespace Streaming.Platform.Security;

/// <summary>Settings of key authentication, bound from the <c>Security</c> section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>How long a key lookup (found or not) is cached: a revoked or rotated key stops working within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most key lookups cached per process (unknown keys included, so a flood of made-up keys cannot grow it).</summary>
    [Range(1, 10_000_000)]
    public int KeyCacheCapacity { get; set; } = 10_000;

    /// <summary>Failed authentications a client address may make per minute before it gets 429.</summary>
    [Range(1, 1_000_000)]
    public int AuthFailuresPerMinute { get; set; } = 60;

    /// <summary>Client addresses whose failures are tracked at once; the idlest are forgotten beyond it.</summary>
    [Range(1, 10_000_000)]
    public int AuthFailureAddresses { get; set; } = 100_000;
}
