using Npgsql;
using Streaming.Platform.Security.Secrets;
using NpgsqlTypes;
using Streaming.Processors.Identity;
using Streaming.Processors.Profiles;
using Streaming.Processors.Topology;
using Streaming.Processors.Topology.Stages;

namespace Streaming.Processors.Store;

/// <summary>
/// The topology's state on PostgreSQL. A batch is one transaction (<see cref="PostgresProfileBatch"/>):
/// it reads in one round trip (dedupe, suppressions, identity links with profile versions, the
/// profiles locked), and writes profile events (event store), profile rows, links, merges and
/// timeline before it commits. The read models are written here rather than
/// by the projection daemon so that a profile is visible the moment its batch commits (the
/// visible-latency target) and so the next batch's optimistic version check has one source of truth.
/// </summary>
public sealed class PostgresProfileStore(
    NpgsqlDataSource dataSource, IEventSink events, IEnumerable<IStageWriteHandler> stageWriters, SuppressionHash? suppression = null) : IProfileStore
{
    private readonly IReadOnlyDictionary<Type, IStageWriteHandler> _stageWriters = stageWriters.ToDictionary(h => h.WriteType);
    private readonly SuppressionHash _suppression = suppression ?? new SuppressionHash(new ServerSecrets(dataSource));

    public async Task<bool> TenantExistsAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select exists (select 1 from cdp.tenants where id = $1)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<string?> WriteKeyTenantAsync(string writeKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select tenant_id from cdp.write_keys where key = $1 and revoked_at is null");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = writeKey });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IProfileBatch> BeginBatchAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Every statement of a batch looks up or changes a few thousand rows by key. Left to
            // itself the planner hashes the whole table for a key list that long (a full scan of the
            // timeline or the stream list per batch, slower with every row stored); index probes
            // cost the same whatever the table's size.
            await using (var plan = new NpgsqlCommand("set local enable_hashjoin = off; set local enable_mergejoin = off", connection, transaction))
            {
                await plan.ExecuteNonQueryAsync(cancellationToken);
            }

            return new PostgresProfileBatch(connection, transaction, events, _suppression, _stageWriters);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
