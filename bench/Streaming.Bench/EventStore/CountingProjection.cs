using Npgsql;
using Streaming.Projections.Daemon;
using Streaming.Projections.EventStore;

namespace Streaming.Bench.EventStore;

/// <summary>The simple projection the catch-up figure is measured with: events per tenant, one upsert per batch.</summary>
internal sealed class CountingProjection : IProjection
{
    public string Name => "bench-count";

    public IReadOnlyCollection<string>? EventTypes => null;

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, ProjectionContext context, CancellationToken cancellationToken)
    {
        var counts = events.GroupBy(e => e.TenantId).Select(g => (Tenant: g.Key, Count: (long)g.Count())).ToList();
        await using var command = context.CreateCommand("""
            insert into bench_counts (tenant_id, events) select * from unnest($1::text[], $2::bigint[])
            on conflict (tenant_id) do update set events = bench_counts.events + excluded.events
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. counts.Select(c => c.Tenant)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. counts.Select(c => c.Count)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var (tenant, _) in counts)
        {
            context.Changed(tenant, "bench_counts", tenant);
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        await using var command = context.CreateCommand("delete from bench_counts");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
