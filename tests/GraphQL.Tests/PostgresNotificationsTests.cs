using Npgsql;
using Streaming.GraphQL.Subscriptions;
using Streaming.TestSupport;

namespace Streaming.GraphQL.Tests;

public sealed class PostgresNotificationsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Notifications_on_the_channel_arrive_as_a_stream()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new List<string>();
        var listening = Task.Run(async () =>
        {
            await foreach (var payload in PostgresNotifications.ListenAsync(_database.DataSource, "profile_changed", cancel.Token))
            {
                lock (received)
                {
                    received.Add(payload);
                }

                if (payload == "done")
                {
                    return;
                }
            }
        });

        // LISTEN starts asynchronously: notify until the listener has seen one, then finish.
        await Eventually.Until(async () =>
        {
            await using var notify = _database.DataSource.CreateCommand("select pg_notify('profile_changed', 'p1'), pg_notify('other', 'x')");
            await notify.ExecuteNonQueryAsync();
            lock (received)
            {
                return received.Count > 0;
            }
        }, TimeSpan.FromSeconds(30), "the first notification");
        await using (var done = _database.DataSource.CreateCommand("select pg_notify('profile_changed', 'done')"))
        {
            await done.ExecuteNonQueryAsync();
        }

        await listening.WaitAsync(cancel.Token);
        Assert.All(received[..^1], p => Assert.Equal("p1", p));
        Assert.Equal("done", received[^1]);
    }
}
