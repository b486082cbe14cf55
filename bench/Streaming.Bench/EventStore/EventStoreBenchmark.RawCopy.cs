using Npgsql;
using NpgsqlTypes;
using Streaming.Projections.EventStore;

namespace Streaming.Bench.EventStore;

internal sealed partial class EventStoreBenchmark
{
    // Versions for the reference table, per stream; the reference only writes, it checks nothing.
    private readonly Dictionary<string, long> _rawVersions = [];

    /// <summary>The reference: the same rows by raw binary COPY, one transaction per 1,000 events, no checks.</summary>
    private async Task RawCopyAsync(NpgsqlDataSource dataSource, List<StreamAppend> batch, CancellationToken cancellationToken)
    {
        var versions = new long[batch.Count];
        lock (_rawVersions)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var key = batch[i].TenantId + "/" + batch[i].StreamId;
                versions[i] = _rawVersions.GetValueOrDefault(key);
                _rawVersions[key] = versions[i] + batch[i].Events.Count;
            }
        }

        var now = DateTime.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(
            "copy bench_raw (id, tenant_id, stream_id, version, type, data, correlation_id, causation_id, headers, timestamp) from stdin (format binary)",
            cancellationToken))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var append = batch[i];
                var version = versions[i];
                foreach (var e in append.Events)
                {
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(e.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await importer.WriteAsync(append.TenantId, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(append.StreamId, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(++version, NpgsqlDbType.Bigint, cancellationToken);
                    await importer.WriteAsync(e.Type!, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(e.Json!, NpgsqlDbType.Jsonb, cancellationToken);
                    await importer.WriteAsync(e.Metadata.CorrelationId!, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(e.Metadata.CausationId!, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteNullAsync(cancellationToken);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
