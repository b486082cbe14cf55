namespace Streaming.Processors.Tests.Delivery;

/// <summary>
/// A workload's events sent through ingest by a few concurrent Segment clients, in batches. Each
/// user's events go through one client in the order the workload made them, so they reach Kafka
/// in that order: the recomputation in <see cref="Workload"/> assumes it, and one real client's
/// queue keeps it too. Every <c>lostResponseEvery</c>-th batch is sent once more after its 200, as
/// a client does whose response was lost to a timeout: those messageIds reach Kafka twice.
/// </summary>
public sealed class HttpFeed
{
    private readonly List<SegmentItem>[] _queues;
    private readonly List<string>[] _acceptedBySender;
    private readonly int _batchSize;
    private readonly int _lostResponseEvery;
    private SegmentBatchClient[] _clients = [];
    private long _accepted;
    private long _sentTwice;

    public HttpFeed(Workload workload, int events, int senders, int batchSize, int lostResponseEvery)
    {
        ArgumentNullException.ThrowIfNull(workload);
        _batchSize = batchSize;
        _lostResponseEvery = lostResponseEvery;
        _queues = [.. Enumerable.Range(0, senders).Select(_ => new List<SegmentItem>(events / senders + batchSize))];
        _acceptedBySender = [.. Enumerable.Range(0, senders).Select(_ => new List<string>(events / senders + batchSize))];
        var senderOfUser = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events; i++)
        {
            var item = SegmentItem.From(workload.Next());
            var user = item.UserId ?? throw new InvalidOperationException("the workload's events all have a userId");
            if (!senderOfUser.TryGetValue(user, out var sender))
            {
                senderOfUser[user] = sender = senderOfUser.Count % senders;
            }

            _queues[sender].Add(item);
        }
    }

    /// <summary>Events whose batch was answered 200 so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Batches sent again after a 503 or 429.</summary>
    public long Resends => _clients.Sum(client => client.Resends);

    /// <summary>Events sent again after their batch was accepted (the lost-response retries).</summary>
    public long SentTwice => Interlocked.Read(ref _sentTwice);

    /// <summary>The messageIds of every accepted event (once each: a resent batch counts when it got its 200).</summary>
    public IReadOnlyList<string> AcceptedIds => [.. _acceptedBySender.SelectMany(ids => ids)];

    /// <summary>Runs the clients until every batch was accepted; the first unexpected answer stops them all and fails.</summary>
    public async Task RunAsync(Uri baseAddress, string writeKey, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _clients = [.. _queues.Select(_ => new SegmentBatchClient(http, writeKey))];
        var senders = _queues.Select((queue, index) => Task.Run(async () =>
        {
            var client = _clients[index];
            try
            {
                var sent = 0;
                foreach (var batch in queue.Chunk(_batchSize))
                {
                    await client.SendAsync(batch, failed.Token);
                    _acceptedBySender[index].AddRange(batch.Select(item => item.MessageId));
                    Interlocked.Add(ref _accepted, batch.Length);
                    if (++sent % _lostResponseEvery == 0)
                    {
                        await client.SendAsync(batch, failed.Token);
                        Interlocked.Add(ref _sentTwice, batch.Length);
                    }
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }, CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(senders);
        }
        catch (OperationCanceledException) when (senders.FirstOrDefault(s => s.IsFaulted) is { } cause)
        {
            // The others were stopped because of this one: report its failure, not their cancellation.
            await cause;
        }
    }
}
