using Streaming.Bench;

// Benchmarks register here by name; later issues add theirs.
IBenchmark[] benchmarks =
[
    new KafkaProduceBenchmark(),
    new Streaming.Bench.GraphQL.GraphQLBenchmark(),
    new Streaming.Bench.EventStore.EventStoreBenchmark(),
    new Streaming.Bench.Pipeline.PipelineBenchmark(),
    new Streaming.Bench.Ingest.IngestBenchmark(),
];

var name = args.FirstOrDefault();
var benchmark = benchmarks.FirstOrDefault(b => b.Name == name);
if (benchmark is null)
{
    await Console.Error.WriteLineAsync($"usage: ./streaming bench NAME  (NAME: {string.Join(", ", benchmarks.Select(b => b.Name))})");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var report = await benchmark.RunAsync(cancel.Token);
report.Print(Console.Out);
var root = Environment.GetEnvironmentVariable("STREAMING_ROOT") ?? Directory.GetCurrentDirectory();
var path = await report.WriteJsonAsync(Path.Combine(root, "bench", "results"));
Console.WriteLine($"written: {Path.GetRelativePath(root, path)}");
return 0;
