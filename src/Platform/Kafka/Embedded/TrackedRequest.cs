namespace Streaming.Platform.Kafka.Embedded;

/// <summary>A request an embedded broker received while request tracking was on.</summary>
/// <param name="ApiKey">The request type (a value outside <see cref="KafkaApiKey"/>'s names for the ones tests do not name).</param>
/// <param name="BrokerId">The broker it was sent to (1 to the cluster's broker count).</param>
/// <param name="SentAt">When the broker received it (the mock's clock, microseconds).</param>
public sealed record TrackedRequest(KafkaApiKey ApiKey, int BrokerId, DateTimeOffset SentAt);
