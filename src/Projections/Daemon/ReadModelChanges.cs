using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Npgsql;

namespace Streaming.Projections.Daemon;

/// <summary>
/// Change notifications of the read side. The daemon sends one NOTIFY on <see cref="Channel"/> per
/// (tenant, read model) per committed batch (split when the keys exceed NOTIFY's 8000-byte payload);
/// <see cref="ListenAsync"/> turns them back into <see cref="ReadModelChange"/>s, together with the
/// event store's redactions (<see cref="EventStore.EventStore.RedactionsChannel"/>): a GDPR erasure
/// arrives as a change of projection <see cref="Redaction"/>, read model <see cref="RedactedStreams"/>,
/// whose keys are the redacted stream ids, so every listener drops what it shows of them.
/// </summary>
public static class ReadModelChanges
{
    public const string Channel = "cdp_read_model_changes";

    /// <summary>The projection name of a change that reports redacted streams.</summary>
    public const string Redaction = "$redaction";

    /// <summary>The read model name of a change that reports redacted streams (its keys are stream ids).</summary>
    public const string RedactedStreams = "streams";

    private const int MaxPayloadBytes = 7000;

    /// <summary>
    /// The changes committed from now on, until cancelled. Reconnects by itself after a lost connection
    /// and then yields one change with <see cref="ReadModelChange.Resync"/> = true (changes may have been missed).
    /// </summary>
    public static async IAsyncEnumerable<ReadModelChange> ListenAsync(
        NpgsqlDataSource dataSource, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var changes = System.Threading.Channels.Channel.CreateUnbounded<ReadModelChange>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(dataSource, changes.Writer, stop.Token);
        try
        {
            await foreach (var change in changes.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
    }

    private static async Task PumpAsync(NpgsqlDataSource dataSource, ChannelWriter<ReadModelChange> writer, CancellationToken cancellationToken)
    {
        var reconnect = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) =>
                {
                    var change = e.Channel == EventStore.EventStore.RedactionsChannel ? ParseRedaction(e.Payload) : Parse(e.Payload);
                    if (change is not null)
                    {
                        writer.TryWrite(change);
                    }
                };
                await using (var listen = new NpgsqlCommand($"listen {Channel}; listen {EventStore.EventStore.RedactionsChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                if (reconnect)
                {
                    writer.TryWrite(new ReadModelChange("*", "*", "*", [], Resync: true));
                }

                reconnect = true;
                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        writer.TryComplete();
    }

    internal static ReadModelChange? Parse(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(payload);
            return message is null ? null : new ReadModelChange(message.P, message.T, message.M, message.K);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static ReadModelChange? ParseRedaction(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<RedactionMessage>(payload);
            return message is null ? null : new ReadModelChange(Redaction, message.T, RedactedStreams, message.S);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The NOTIFY payloads for a batch's changes, each under the size limit.</summary>
    internal static List<string> Payloads(ProjectionContext context)
    {
        var payloads = new List<string>();
        foreach (var ((tenant, readModel), keys) in context.Changes)
        {
            var chunk = new List<string>();
            var size = Encoding.UTF8.GetByteCount(tenant) + Encoding.UTF8.GetByteCount(readModel) + Encoding.UTF8.GetByteCount(context.Projection) + 64;
            var used = size;
            foreach (var key in keys)
            {
                var keySize = Encoding.UTF8.GetByteCount(key) * 2 + 4; // worst case with JSON escapes
                if (chunk.Count > 0 && used + keySize > MaxPayloadBytes)
                {
                    payloads.Add(JsonSerializer.Serialize(new Message(context.Projection, tenant, readModel, chunk)));
                    chunk = [];
                    used = size;
                }

                chunk.Add(key);
                used += keySize;
            }

            payloads.Add(JsonSerializer.Serialize(new Message(context.Projection, tenant, readModel, chunk)));
        }

        return payloads;
    }

    /// <summary>The wire shape: <c>{"projection":..,"tenant":..,"readModel":..,"keys":[..]}</c>.</summary>
    private sealed record Message(
        [property: JsonPropertyName("projection")] string P,
        [property: JsonPropertyName("tenant")] string T,
        [property: JsonPropertyName("readModel")] string M,
        [property: JsonPropertyName("keys")] List<string> K);

    /// <summary>The event store's redaction payload: <c>{"tenant":..,"streams":[..]}</c>.</summary>
    private sealed record RedactionMessage(
        [property: JsonPropertyName("tenant")] string T,
        [property: JsonPropertyName("streams")] List<string> S);
}
