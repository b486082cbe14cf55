using System.Collections.Concurrent;
using System.Diagnostics;

namespace Streaming.Ingest.RateLimiting;

/// <summary>The outcome of asking for tokens: allowed or not, and what the RateLimit-* headers say.</summary>
internal readonly record struct RateDecision(bool Allowed, int Limit, long Remaining, int RetryAfterSeconds);

/// <summary>
/// A token bucket per tenant, counted in events (a 100-event batch takes 100 tokens): refills at
/// the tenant's events per second up to its burst. A request that does not fit is rejected whole.
/// Per process: with several ingest replicas each enforces its share.
/// </summary>
internal sealed class TenantRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public RateDecision TryTake(string tenant, int events, int eventsPerSecond, int burst)
    {
        var bucket = _buckets.GetOrAdd(tenant, static (_, b) => new Bucket(b), burst);
        return bucket.TryTake(events, eventsPerSecond, burst, Stopwatch.GetTimestamp());
    }

    /// <summary>Gives back tokens a request took but did not use (its records were not acknowledged, so the client retries).</summary>
    public void Return(string tenant, int events, int burst)
    {
        if (_buckets.TryGetValue(tenant, out var bucket))
        {
            bucket.Return(events, burst);
        }
    }

    private sealed class Bucket(int burst)
    {
        private readonly Lock _gate = new();
        private double _tokens = burst;
        private long _updated = Stopwatch.GetTimestamp();

        public RateDecision TryTake(int events, int rate, int burst, long now)
        {
            lock (_gate)
            {
                var elapsed = Stopwatch.GetElapsedTime(_updated, now).TotalSeconds;
                _updated = now;
                _tokens = Math.Min(burst, _tokens + (elapsed * rate));
                if (events <= _tokens)
                {
                    _tokens -= events;
                    return new RateDecision(true, rate, (long)_tokens, 0);
                }

                // The endpoint refuses a request larger than the whole burst before asking (it can never fit).
                var deficit = Math.Min(events, burst) - _tokens;
                var retry = (int)Math.Ceiling(Math.Max(deficit, 1) / rate);
                return new RateDecision(false, rate, (long)_tokens, Math.Max(1, retry));
            }
        }

        public void Return(int events, int burst)
        {
            lock (_gate)
            {
                _tokens = Math.Min(burst, _tokens + events);
            }
        }
    }
}
