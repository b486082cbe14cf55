using System.Diagnostics;
using Streaming.LoadGen;
using Streaming.Processors.LoadGen;

var options = LoadGenOptions.Parse(args);
if (options is null || options.Rate <= 0 || options.DurationSeconds <= 0)
{
    await Console.Error.WriteLineAsync(LoadGenOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(options.DurationSeconds + 120));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var workload = new EcommerceWorkload(options.Tenant, options.Profiles, options.Seed);
await using ISink sink = options.Kafka is { } kafka ? new KafkaSink(kafka, options.WriteKey) : new HttpSink(options.Http, options.WriteKey);
Console.WriteLine($"loadgen: {options.Rate} events/s for {options.DurationSeconds} s over {options.Profiles} profiles to {sink.Target}");

var total = (long)options.Rate * options.DurationSeconds;
var clock = Stopwatch.StartNew();
long sent = 0;
var nextReport = TimeSpan.FromSeconds(5);
// Ticks of 10 ms: each sends what the rate allows by then, so the average holds even when a tick runs late.
while (sent < total && !cancel.IsCancellationRequested)
{
    var due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * options.Rate));
    if (due > sent)
    {
        var chunk = new List<Streaming.Platform.Contracts.EventEnvelope>((int)(due - sent));
        for (var i = sent; i < due; i++)
        {
            chunk.Add(workload.Next(DateTimeOffset.UtcNow));
        }

        await sink.SendAsync(chunk, cancel.Token);
        sent = due;
    }

    if (clock.Elapsed >= nextReport)
    {
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds:0} s: {sent} sent, {sink.Accepted} accepted, {sink.Refused} refused");
        nextReport += TimeSpan.FromSeconds(5);
    }

    await Task.Delay(10, cancel.Token);
}

await sink.FlushAsync(cancel.Token);
Console.WriteLine($"done: {sent} sent in {clock.Elapsed.TotalSeconds:0.0} s ({sent / clock.Elapsed.TotalSeconds:0} events/s), {sink.Accepted} accepted, {sink.Refused} refused");
return sink.Refused > 0 && sink.Accepted == 0 ? 1 : 0;
