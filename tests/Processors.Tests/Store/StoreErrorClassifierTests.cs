using Streaming.Processors.Migrations;
using Streaming.Projections.EventStore;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Streaming.Platform.Postgres.Migrations;
using Streaming.Processors.Store;
using Streaming.Processors.Topology;
using Streaming.TestSupport;

using Streaming.Processors.Tests.Driver;

namespace Streaming.Processors.Tests.Store;

/// <summary>Real PostgreSQL errors, provoked against a throwaway database, sorted by <see cref="StoreErrorClassifier"/>.</summary>
public sealed class StoreErrorClassifierTests : IAsyncLifetime
{
    // Tables the processors never write: their unique indexes are not concurrency checks of a batch.
    private static readonly string[] OtherRolesTables =
        ["tenants", "write_keys", "secret_keys", "server_secrets", "tenant_ingest_limits", "projection_progress", "skipped_sequences", "projection_dead_letters", "schema_migrations"];

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new SchemaMigrator(_database.DataSource, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(TestSchema.Migrations);
        await ExecuteAsync("""
            insert into cdp.tenants (id, name) values ('acme', 'Acme');
            create table public.scratch (id int primary key, n int not null check (n > 0), tenant text references cdp.tenants (id), note text unique);
            """);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("select '{\"a\":\"\\u0000\"}'::jsonb", "22P05")]          // U+0000 in jsonb
    [InlineData("select '{\"a\":\"\\ud800\"}'::jsonb", "22P02")]          // lone surrogate in jsonb
    [InlineData("select '{\"a\":1e131072}'::jsonb", "22003")]             // number beyond numeric
    [InlineData("select 'yesterday-ish'::timestamptz", "22007")]
    [InlineData("insert into public.scratch (id, n) values (1, null)", "23502")]
    [InlineData("insert into public.scratch (id, n) values (1, -1)", "23514")]
    [InlineData("insert into public.scratch (id, n, tenant) values (1, 1, 'nobody')", "23503")]
    public async Task Data_the_store_cannot_hold_is_a_data_error(string sql, string sqlState)
    {
        var error = await ProvokeAsync(sql);
        Assert.Equal(sqlState, Assert.IsType<PostgresException>(error).SqlState);
        Assert.Equal(StoreErrorKind.Data, StoreErrorClassifier.Classify(error));
        Assert.Contains(sqlState, StoreErrorClassifier.Reason(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_character_in_a_text_parameter_is_a_data_error()
    {
        var error = await ProvokeAsync("insert into public.scratch (id, n, note) values (1, 1, $1)", "a\0b");
        Assert.Equal("22021", Assert.IsType<PostgresException>(error).SqlState);
        Assert.Equal(StoreErrorKind.Data, StoreErrorClassifier.Classify(error));
    }

    [Fact]
    public async Task An_identifier_too_long_for_the_btree_is_a_data_error()
    {
        // Incompressible, so the index row really is over the btree's 2,704-byte limit.
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(4_000));
        var error = await ProvokeAsync(
            "insert into cdp.identity_links (tenant_id, kind, value, profile_id) values ('acme', 'userId', $1, gen_random_uuid())", value);
        Assert.Equal("54000", Assert.IsType<PostgresException>(error).SqlState);
        Assert.Equal(StoreErrorKind.Data, StoreErrorClassifier.Classify(error));
    }

    [Fact]
    public async Task A_unique_violation_of_a_concurrency_check_is_a_conflict_and_any_other_a_data_error()
    {
        const string link = "insert into cdp.identity_links (tenant_id, kind, value, profile_id) values ('acme', 'userId', 'u1', gen_random_uuid())";
        await ExecuteAsync(link);
        var claimed = await ProvokeAsync(link);
        Assert.Equal("identity_links_pkey", Assert.IsType<PostgresException>(claimed).ConstraintName);
        Assert.Equal(StoreErrorKind.Conflict, StoreErrorClassifier.Classify(claimed));

        await ExecuteAsync("insert into public.scratch (id, n, note) values (1, 1, 'x')");
        var other = await ProvokeAsync("insert into public.scratch (id, n, note) values (2, 1, 'x')");
        Assert.Equal("23505", Assert.IsType<PostgresException>(other).SqlState);
        Assert.Equal(StoreErrorKind.Data, StoreErrorClassifier.Classify(other));
    }

    [Fact]
    public async Task Every_unique_index_of_the_tables_the_processors_write_is_a_concurrency_check()
    {
        var indexes = new List<string>();
        await using var command = _database.DataSource.CreateCommand("""
            select i.relname from pg_index x
            join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
            join pg_namespace n on n.oid = t.relnamespace
            where x.indisunique and n.nspname = 'cdp' and not (t.relname = any($1))
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = OtherRolesTables });
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(indexes);
        Assert.All(indexes, index => Assert.Contains(index, StoreErrorClassifier.ConcurrencyConstraints));
    }

    [Fact]
    public async Task A_serialization_failure_is_transient()
    {
        await ExecuteAsync("insert into public.scratch (id, n) values (1, 1)");
        await using var first = await _database.DataSource.OpenConnectionAsync();
        await using var second = await _database.DataSource.OpenConnectionAsync();
        await using var t1 = await first.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        await using var t2 = await second.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        await new NpgsqlCommand("select sum(n) from public.scratch", first, t1).ExecuteScalarAsync();
        await new NpgsqlCommand("select sum(n) from public.scratch", second, t2).ExecuteScalarAsync();
        await new NpgsqlCommand("insert into public.scratch (id, n) values (2, 1)", first, t1).ExecuteNonQueryAsync();
        await new NpgsqlCommand("insert into public.scratch (id, n) values (3, 1)", second, t2).ExecuteNonQueryAsync();
        await t1.CommitAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => t2.CommitAsync());
        Assert.Equal("40001", error.SqlState);
        Assert.Equal(StoreErrorKind.Transient, StoreErrorClassifier.Classify(error));
    }

    [Fact]
    public async Task A_deadlock_is_transient()
    {
        await ExecuteAsync("insert into public.scratch (id, n) values (1, 1), (2, 1)");
        await using var first = await _database.DataSource.OpenConnectionAsync();
        await using var second = await _database.DataSource.OpenConnectionAsync();
        await using var t1 = await first.BeginTransactionAsync();
        await using var t2 = await second.BeginTransactionAsync();
        await new NpgsqlCommand("update public.scratch set n = 2 where id = 1", first, t1).ExecuteNonQueryAsync();
        await new NpgsqlCommand("update public.scratch set n = 2 where id = 2", second, t2).ExecuteNonQueryAsync();
        var a = new NpgsqlCommand("update public.scratch set n = 3 where id = 2", first, t1).ExecuteNonQueryAsync();
        var b = new NpgsqlCommand("update public.scratch set n = 3 where id = 1", second, t2).ExecuteNonQueryAsync();
        var errors = new List<Exception>();
        foreach (var task in new[] { a, b })
        {
            try
            {
                await task;
            }
            catch (PostgresException ex)
            {
                errors.Add(ex);
            }
        }

        var error = Assert.IsType<PostgresException>(Assert.Single(errors));
        Assert.Equal("40P01", error.SqlState);
        Assert.Equal(StoreErrorKind.Transient, StoreErrorClassifier.Classify(error));
    }

    [Fact]
    public async Task A_statement_timeout_is_transient()
    {
        var error = await ProvokeAsync("set statement_timeout = 50; select pg_sleep(5)");
        Assert.Equal("57014", Assert.IsType<PostgresException>(error).SqlState);
        Assert.Equal(StoreErrorKind.Transient, StoreErrorClassifier.Classify(error));
    }

    [Fact]
    public async Task A_connection_terminated_by_the_server_is_transient()
    {
        await using var victim = await _database.DataSource.OpenConnectionAsync();
        await ExecuteAsync($"select pg_terminate_backend({victim.ProcessID})");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => new NpgsqlCommand("select 1", victim).ExecuteScalarAsync());
        Assert.Equal(StoreErrorKind.Transient, StoreErrorClassifier.Classify(error));
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_transient()
    {
        var builder = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Port = FreePort.Next(), Timeout = 2, Pooling = false };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await dataSource.OpenConnectionAsync());
        Assert.Equal(StoreErrorKind.Transient, StoreErrorClassifier.Classify(error));
    }

    [Fact]
    public async Task A_missing_table_is_a_fault()
    {
        var error = await ProvokeAsync("select * from cdp.no_such_table");
        Assert.Equal("42P01", Assert.IsType<PostgresException>(error).SqlState);
        Assert.Equal(StoreErrorKind.Fault, StoreErrorClassifier.Classify(error));
    }

    [Fact]
    public void Our_own_conflict_exceptions_are_conflicts_and_other_exceptions_faults()
    {
        Assert.Equal(StoreErrorKind.Conflict, StoreErrorClassifier.Classify(new StoreConflictException("claimed")));
        Assert.Equal(StoreErrorKind.Fault, StoreErrorClassifier.Classify(new ArgumentException("a bug")));
        Assert.True(StoreErrorClassifier.IsRetryable(new TimeoutException()));
        Assert.False(StoreErrorClassifier.IsDataError(new TimeoutException()));
    }

    private async Task<Exception> ProvokeAsync(string sql, string? parameter = null)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }

        return await Assert.ThrowsAnyAsync<Exception>(() => command.ExecuteNonQueryAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
