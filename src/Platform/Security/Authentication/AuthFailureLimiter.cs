using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;

namespace Streaming.Platform.Security.Authentication;

/// <summary>
/// Counts failed authentications per client address (a token bucket of
/// <see cref="SecurityOptions.AuthFailuresPerMinute"/>): an address that keeps presenting unknown
/// keys is refused (429) before its key is even looked up, so a key-guessing flood costs neither
/// queries nor request bodies. Bounded by <see cref="SecurityOptions.AuthFailureAddresses"/>.
/// Per process: each replica limits its own share.
/// </summary>
public sealed class AuthFailureLimiter(IOptions<SecurityOptions> options)
{
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();
    private readonly SecurityOptions _options = options.Value;

    /// <summary>Seconds until the address may try again, or 0 when it may now.</summary>
    public int RetryAfterSeconds(IPAddress? address)
    {
        if (address is null || !_buckets.TryGetValue(address, out var bucket))
        {
            return 0;
        }

        return bucket.RetryAfter(_options.AuthFailuresPerMinute, Stopwatch.GetTimestamp());
    }

    /// <summary>Counts one failure of the address.</summary>
    public void RecordFailure(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        if (_buckets.Count >= _options.AuthFailureAddresses && !_buckets.ContainsKey(address))
        {
            // Full: forget the addresses that are not limited now (their buckets refilled or nearly).
            var now = Stopwatch.GetTimestamp();
            foreach (var (key, value) in _buckets)
            {
                if (value.RetryAfter(_options.AuthFailuresPerMinute, now) == 0)
                {
                    _buckets.TryRemove(key, out _);
                }
            }
        }

        _buckets.GetOrAdd(address, static (_, burst) => new Bucket(burst), _options.AuthFailuresPerMinute)
            .Take(_options.AuthFailuresPerMinute, Stopwatch.GetTimestamp());
    }

    private sealed class Bucket(int burst)
    {
        private readonly Lock _gate = new();
        private double _tokens = burst;
        private long _updated = Stopwatch.GetTimestamp();

        public void Take(int perMinute, long now)
        {
            lock (_gate)
            {
                Refill(perMinute, now);
                _tokens = Math.Max(-1, _tokens - 1);
            }
        }

        public int RetryAfter(int perMinute, long now)
        {
            lock (_gate)
            {
                Refill(perMinute, now);
                return _tokens >= 1 ? 0 : Math.Max(1, (int)Math.Ceiling((1 - _tokens) * 60.0 / perMinute));
            }
        }

        private void Refill(int perMinute, long now)
        {
            var elapsed = Stopwatch.GetElapsedTime(_updated, now).TotalMinutes;
            _updated = now;
            _tokens = Math.Min(perMinute, _tokens + (elapsed * perMinute));
        }
    }
}
