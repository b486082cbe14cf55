using Microsoft.Extensions.Options;
using Npgsql;
using Streaming.Projections.Daemon;
using Streaming.Projections.TestDaemon;

// usage: Streaming.Projections.TestDaemon CONNECTION_STRING PROJECTION BATCH_SIZE SLEEP_SECONDS_PER_BATCH
// Runs the projection daemon with one RecordingProjection until killed (or stdin closes).
if (args.Length != 4)
{
    await Console.Error.WriteLineAsync("usage: CONNECTION_STRING PROJECTION BATCH_SIZE SLEEP_SECONDS_PER_BATCH");
    return 2;
}

await using var dataSource = NpgsqlDataSource.Create(args[0]);
var projection = new RecordingProjection(args[1])
{
    SleepPerBatch = double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
};
var options = Options.Create(new ProjectionDaemonOptions
{
    BatchSize = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
    PollInterval = TimeSpan.FromMilliseconds(200),
    ReconnectDelay = TimeSpan.FromMilliseconds(200),
    LockRetryInterval = TimeSpan.FromMilliseconds(200),
});
using var daemon = new ProjectionDaemon(dataSource, [projection], options);
await daemon.StartAsync(CancellationToken.None);
Console.WriteLine("started");
await Console.In.ReadToEndAsync(); // the parent closes stdin for a clean stop, or kills us
await daemon.StopAsync(CancellationToken.None);
return 0;
