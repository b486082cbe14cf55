namespace Streaming.Projections.Daemon;

/// <summary>Settings of the projection daemon, from <c>Projections:Daemon</c>.</summary>
public sealed class ProjectionDaemonOptions
{
    public const string Section = "Projections:Daemon";

    /// <summary>Run the daemon in this process (several processes may: each projection runs in one at a time).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most events per projection transaction.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>
    /// Batches read ahead, concurrently on pooled connections, while one applies (while catching up). Each
    /// holds up to BatchSize events in memory; 0 reads one batch at a time.
    /// </summary>
    public int ReadAhead { get; set; } = 2;

    /// <summary>How often to look for new events when no NOTIFY arrived (the fallback when notifications are lost).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tries per event before it goes to <c>cdp.projection_dead_letters</c>.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Pause between tries of a failing event (multiplied by the attempt number).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often an instance that does not hold a projection's lock tries to take it over.</summary>
    public TimeSpan LockRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause before reconnecting after the database went away.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most sequence numbers the high-water statement looks at per pass.</summary>
    public int HighWaterWindow { get; set; } = 50_000;

    /// <summary>A gap open this long (timed from when it was first seen) is logged as a warning: a long transaction holds it.</summary>
    public TimeSpan GapWarningAfter { get; set; } = TimeSpan.FromSeconds(30);
}
