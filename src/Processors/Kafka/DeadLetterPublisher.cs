using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Streaming.Platform.Kafka;
using Streaming.Processors.Topology;

namespace Streaming.Processors.Kafka;

/// <summary>
/// Produces refused records to <see cref="Topics.DeadLetter"/>: the original key, value and
/// headers, plus why (<see cref="DeadLetterHeaders"/>). Awaited before the partition's offsets
/// move, so a poison record is never lost between the two topics.
/// </summary>
public sealed class DeadLetterPublisher(KafkaBootstrap bootstrap) : IDisposable
{
    private readonly Lazy<IProducer<byte[]?, byte[]?>> _producer = new(() =>
        new ProducerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.Producer(bootstrap.Servers, "cdp-processors-dlq")).Build());

    public async Task PublishAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetters);
        if (deadLetters.Count == 0)
        {
            return;
        }

        var sends = new List<Task>(deadLetters.Count);
        foreach (var letter in deadLetters)
        {
            var headers = new Headers();
            foreach (var (key, value) in letter.Record.Headers)
            {
                headers.Add(key, value);
            }

            headers.Add(DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(letter.Reason));
            headers.Add(DeadLetterHeaders.Stage, Encoding.UTF8.GetBytes(letter.Stage));
            headers.Add(DeadLetterHeaders.Topic, Encoding.UTF8.GetBytes(letter.Record.Topic));
            headers.Add(DeadLetterHeaders.Partition, Encoding.UTF8.GetBytes(letter.Record.Partition.ToString(CultureInfo.InvariantCulture)));
            headers.Add(DeadLetterHeaders.Offset, Encoding.UTF8.GetBytes(letter.Record.Offset.ToString(CultureInfo.InvariantCulture)));
            sends.Add(_producer.Value.ProduceAsync(Topics.DeadLetter.Name,
                new Message<byte[]?, byte[]?> { Key = letter.Record.Key, Value = letter.Record.Value, Headers = headers },
                cancellationToken));
        }

        await Task.WhenAll(sends);
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(10));
            _producer.Value.Dispose();
        }
    }
}
