using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;

namespace Streaming.GraphQL.Subscriptions;

/// <summary>
/// PostgreSQL LISTEN/NOTIFY as an async stream, the source for subscriptions on read-model changes
/// (the projection daemon notifies; a subscription field maps each payload to its value).
/// One connection per listener: fine for dashboards, a shared fan-out is the next step at scale.
/// </summary>
public static class PostgresNotifications
{
    public static async IAsyncEnumerable<string> ListenAsync(NpgsqlDataSource dataSource, string channel,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var received = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, e) =>
        {
            if (e.Channel == channel)
            {
                received.Writer.TryWrite(e.Payload);
            }
        };
        await using (var listen = new NpgsqlCommand("LISTEN \"" + channel.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            // WaitAsync delivers pending notifications through the event above, on this task.
            await connection.WaitAsync(cancellationToken);
            while (received.Reader.TryRead(out var payload))
            {
                yield return payload;
            }
        }
    }
}
