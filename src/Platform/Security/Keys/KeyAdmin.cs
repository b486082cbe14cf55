using Npgsql;

namespace Streaming.Platform.Security.Keys;

/// <summary>
/// Tenants and their keys: create, list, revoke, rotate. Used by the admin CLI (operator, any
/// tenant) and the admin endpoints (an <c>admin</c> key, its own tenant only). A revoked key stops
/// authenticating within the key caches' lifetime (<see cref="SecurityOptions.KeyCacheTtl"/>, and
/// ingest's <c>Ingest:KeyRefreshInterval</c> for write keys).
/// </summary>
public static class KeyAdmin
{
    public static async Task<bool> CreateTenantAsync(NpgsqlDataSource dataSource, string id, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Contains('/', StringComparison.Ordinal) || id.Length > 64)
        {
            // The Kafka key is "{tenant}/u/{userId}": a slash would make it ambiguous.
            throw new ArgumentException("A tenant id must not contain '/' and has at most 64 characters.", nameof(id));
        }

        await using var command = dataSource.CreateCommand("insert into cdp.tenants (id, name) values ($1, $2) on conflict (id) do nothing");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<bool> TenantExistsAsync(NpgsqlDataSource dataSource, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("select exists (select 1 from cdp.tenants where id = $1)");
        command.Parameters.AddWithValue(id);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>A new secret key with <paramref name="scopes"/>; its text is in the result and nowhere else.</summary>
    public static async Task<CreatedKey> CreateSecretKeyAsync(
        NpgsqlDataSource dataSource, string tenantId, IReadOnlyCollection<string> scopes, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(scopes);
        if (scopes.Count == 0 || scopes.Any(s => !Scopes.IsKnown(s)))
        {
            throw new ArgumentException($"scopes must be one or more of {string.Join(", ", Scopes.All)}", nameof(scopes));
        }

        var key = ApiKeyFormat.NewSecretKey();
        var id = Guid.CreateVersion7();
        string[] distinct = [.. scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        await using var command = dataSource.CreateCommand("""
            insert into cdp.secret_keys (id, tenant_id, name, hint, key_sha256, scopes) values ($1, $2, $3, $4, $5, $6)
            returning created_at
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ApiKeyFormat.Hint(key) });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ApiKeyFormat.Hash(key) });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = distinct });
        var created = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new CreatedKey(
            new KeyRecord(id, ApiKeyKind.Secret, tenantId, name, ApiKeyFormat.Hint(key), distinct, new DateTimeOffset(created, TimeSpan.Zero), null), key);
    }

    /// <summary>A new write key (<c>pk_live_...</c>), or <paramref name="key"/> as given (the demo's fixed key).</summary>
    public static async Task<string> CreateWriteKeyAsync(NpgsqlDataSource dataSource, string tenantId, string? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        key ??= ApiKeyFormat.NewWriteKey();
        if (ApiKeyFormat.LooksSecret(key))
        {
            throw new ArgumentException("A write key must not look like a secret key.", nameof(key));
        }

        await using var command = dataSource.CreateCommand(
            "insert into cdp.write_keys (key, tenant_id) values ($1, $2) on conflict (key) do nothing");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(tenantId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    /// <summary>Every key of the tenant, secret and write, revoked ones included (newest first).</summary>
    public static async Task<IReadOnlyList<KeyRecord>> ListAsync(NpgsqlDataSource dataSource, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("""
            select id, 'secret', name, hint, scopes, created_at, revoked_at from cdp.secret_keys where tenant_id = $1
            union all
            select null, 'write', 'write key', key, '{}'::text[], created_at, revoked_at from cdp.write_keys where tenant_id = $1
            order by 6 desc
            """);
        command.Parameters.AddWithValue(tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<KeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new KeyRecord(
                reader.IsDBNull(0) ? null : reader.GetGuid(0),
                reader.GetString(1) == "secret" ? ApiKeyKind.Secret : ApiKeyKind.Write,
                tenantId,
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<string[]>(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return keys;
    }

    /// <summary>Revokes a secret key of the tenant; false when the tenant has no such active key.</summary>
    public static async Task<bool> RevokeSecretKeyAsync(NpgsqlDataSource dataSource, string tenantId, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "update cdp.secret_keys set revoked_at = now() where id = $1 and tenant_id = $2 and revoked_at is null");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Revokes a write key of the tenant; false when the tenant has no such active key.</summary>
    public static async Task<bool> RevokeWriteKeyAsync(NpgsqlDataSource dataSource, string tenantId, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "update cdp.write_keys set revoked_at = now() where key = $1 and tenant_id = $2 and revoked_at is null");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(tenantId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Replaces a secret key: a new key with the same name and scopes, the old one revoked, in one
    /// transaction. Null when the tenant has no such active key.
    /// </summary>
    public static async Task<CreatedKey?> RotateSecretKeyAsync(NpgsqlDataSource dataSource, string tenantId, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string name;
        string[] scopes;
        await using (var revoke = new NpgsqlCommand("""
            update cdp.secret_keys set revoked_at = now() where id = $1 and tenant_id = $2 and revoked_at is null
            returning name, scopes
            """, connection, transaction))
        {
            revoke.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            revoke.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
            await using var reader = await revoke.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            name = reader.GetString(0);
            scopes = reader.GetFieldValue<string[]>(1);
        }

        var key = ApiKeyFormat.NewSecretKey();
        var newId = Guid.CreateVersion7();
        await using (var insert = new NpgsqlCommand("""
            insert into cdp.secret_keys (id, tenant_id, name, hint, key_sha256, scopes) values ($1, $2, $3, $4, $5, $6)
            returning created_at
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = newId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ApiKeyFormat.Hint(key) });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ApiKeyFormat.Hash(key) });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = scopes });
            var created = (DateTime)(await insert.ExecuteScalarAsync(cancellationToken))!;
            await transaction.CommitAsync(cancellationToken);
            return new CreatedKey(
                new KeyRecord(newId, ApiKeyKind.Secret, tenantId, name, ApiKeyFormat.Hint(key), scopes, new DateTimeOffset(created, TimeSpan.Zero), null), key);
        }
    }

    /// <summary>Revokes every active secret key of the tenant named <paramref name="name"/> (the demo seeder rotates its key at each start).</summary>
    public static async Task<int> RevokeSecretKeysNamedAsync(NpgsqlDataSource dataSource, string tenantId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "update cdp.secret_keys set revoked_at = now() where tenant_id = $1 and name = $2 and revoked_at is null");
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(name);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
