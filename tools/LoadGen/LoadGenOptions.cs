using System.Globalization;

namespace Streaming.LoadGen;

/// <summary>The command line: <c>--rate N --duration S [--profiles P] [--tenant T] [--kafka HOST:PORT | --http URL] [--write-key K] [--seed N]</c>.</summary>
internal sealed record LoadGenOptions(
    int Rate, int DurationSeconds, int Profiles, string Tenant, string? Kafka, string Http, string WriteKey, int Seed)
{
    public const string Usage =
        "usage: ./streaming loadgen --rate N --duration S [--profiles P] [--tenant demo] [--write-key demo-write-key]\n" +
        "                           [--kafka HOST:PORT (straight to the topic) | --http http://127.0.0.1:5080 (default: the tracking API)] [--seed N]";

    public static LoadGenOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        if (args.Length % 2 != 0 || !values.ContainsKey("rate") || !values.ContainsKey("duration"))
        {
            return null;
        }

        int Int(string key, int fallback) => values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new LoadGenOptions(
            Int("rate", 0), Int("duration", 0), Int("profiles", 10_000),
            values.GetValueOrDefault("tenant", "demo"), values.GetValueOrDefault("kafka"),
            values.GetValueOrDefault("http", "http://127.0.0.1:5080"), values.GetValueOrDefault("write-key", "demo-write-key"),
            Int("seed", Environment.ProcessId));
    }
}
