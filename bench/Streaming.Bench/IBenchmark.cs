namespace Streaming.Bench;

/// <summary>One benchmark, run by <c>./streaming bench NAME</c>.</summary>
internal interface IBenchmark
{
    string Name { get; }

    /// <summary>Warms up, measures the subject and its reference in the same run, cleans up.</summary>
    Task<BenchReport> RunAsync(CancellationToken cancellationToken);
}
