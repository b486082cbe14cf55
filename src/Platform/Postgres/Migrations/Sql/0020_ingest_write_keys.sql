-- Write keys authenticate the tracking API (HTTP Basic user name or "writeKey" in the body) and
-- direct Kafka producers (the cdp_write_key header). Keys are public (they ship in browser code),
-- so they are stored as is; revoking sets revoked_at and ingest stops accepting the key within
-- its cache refresh interval.
create table cdp.write_keys (
    key        text primary key,
    tenant_id  text not null references cdp.tenants (id),
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);

create index write_keys_tenant on cdp.write_keys (tenant_id);

-- Per-tenant ingest rate limit (events per second, with a burst allowance); tenants without a
-- row get the configured default (Ingest:RateLimit).
create table cdp.tenant_ingest_limits (
    tenant_id         text primary key references cdp.tenants (id),
    events_per_second integer not null check (events_per_second > 0),
    burst             integer not null check (burst > 0)
);
