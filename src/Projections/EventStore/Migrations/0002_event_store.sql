-- The event store: one row per stream (its version is the optimistic-concurrency counter) and one
-- row per event. Every row carries its tenant; every read filters on it.
create table cdp.streams (
    tenant_id  text        not null,
    id         text        not null,
    type       text,
    version    bigint      not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (tenant_id, id)
);

-- The global order. Values are taken by appends that already own a transaction id (see
-- EventStore.Append), which is what lets the daemon prove a missing value dead.
create sequence cdp.events_seq as bigint cache 1;

create table cdp.events (
    seq_id         bigint      not null default nextval('cdp.events_seq') primary key,
    id             uuid        not null,
    tenant_id      text        not null,
    stream_id      text        not null,
    version        bigint      not null,
    type           text        not null,
    data           jsonb       not null,
    correlation_id text,
    causation_id   text,
    headers        jsonb,
    timestamp      timestamptz not null default now()
);
alter sequence cdp.events_seq owned by cdp.events.seq_id;

-- Optimistic concurrency backstop: two events can never share a stream version.
create unique index events_stream_version on cdp.events (tenant_id, stream_id, version);
-- Idempotency: an event id is stored once, whatever its stream or tenant, across restarts.
create unique index events_id on cdp.events (id);

-- Snapshots of live aggregates, one per (stream, aggregate name); the latest wins.
create table cdp.snapshots (
    tenant_id  text        not null,
    stream_id  text        not null,
    aggregate  text        not null,
    version    bigint      not null,
    data       jsonb       not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, stream_id, aggregate)
);

-- One checkpoint row per projection: everything at or below position has been applied.
create table cdp.projection_progress (
    name              text        primary key,
    position          bigint      not null default 0,
    rebuild_requested boolean     not null default false,
    rebuilds          integer     not null default 0,
    updated_at        timestamptz not null default now()
);

-- Sequences the daemon proved dead (taken by a transaction that rolled back), kept for audit.
create table cdp.skipped_sequences (
    seq_id      bigint      primary key,
    first_seen  timestamptz not null,
    skipped_at  timestamptz not null default now()
);

-- An event a projection could not apply after its retries; the projection moved on.
create table cdp.projection_dead_letters (
    id         bigserial   primary key,
    projection text        not null,
    seq_id     bigint      not null,
    event_id   uuid        not null,
    tenant_id  text        not null,
    stream_id  text        not null,
    type       text        not null,
    attempts   integer     not null,
    error      text        not null,
    failed_at  timestamptz not null default now(),
    unique (projection, seq_id)
);
