-- Processors' read models (written in the same transaction as the profile events, see docs/processors.md).

-- One row per live profile: traits, counters and identifiers; version = the profile stream's version.
create table cdp.profiles (
    id             uuid        primary key,
    tenant_id      text        not null,
    version        bigint      not null,
    traits         jsonb       not null default '{}',
    identifiers    jsonb       not null default '[]',
    event_count    bigint      not null default 0,
    track_count    bigint      not null default 0,
    page_count     bigint      not null default 0,
    identify_count bigint      not null default 0,
    first_seen     timestamptz not null,
    last_seen      timestamptz not null,
    updated_at     timestamptz not null default now()
);
create index profiles_tenant_last_seen on cdp.profiles (tenant_id, last_seen desc);

-- Every identifier (userId, anonymousId, email, phone) points at exactly one live profile:
-- the lookup "profile by any identifier", and the identity graph after merges.
create table cdp.identity_links (
    tenant_id  text        not null,
    kind       text        not null,
    value      text        not null,
    profile_id uuid        not null,
    linked_at  timestamptz not null default now(),
    primary key (tenant_id, kind, value)
);
create index identity_links_profile on cdp.identity_links (profile_id);

-- The profile timeline: one row per message applied to a profile. Its key is also the
-- processors' exactly-once record: a message with a row here is never applied again.
create table cdp.profile_timeline (
    tenant_id   text        not null,
    message_id  text        not null,
    profile_id  uuid        not null,
    kind        text        not null,
    name        text,
    properties  jsonb,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    recorded_at timestamptz not null default now(),
    primary key (tenant_id, message_id)
);
create index profile_timeline_profile on cdp.profile_timeline (profile_id, occurred_at desc);

-- Messages handled without a timeline row (a forgotten person's, or dropped for a suppressed
-- identifier): kept so a redelivery is recognised. Message ids are not personal data.
create table cdp.handled_messages (
    tenant_id  text        not null,
    message_id text        not null,
    handled_at timestamptz not null default now(),
    primary key (tenant_id, message_id)
);

-- GDPR: identifiers of forgotten people, as SHA-256 of "tenant\nkind\nvalue" (never the value):
-- messages carrying one are dropped, so a forgotten person is not recreated by a late event.
create table cdp.suppressions (
    tenant_id     text        not null,
    kind          text        not null,
    value_sha256  bytea       not null,
    suppressed_at timestamptz not null default now(),
    primary key (tenant_id, kind, value_sha256)
);
