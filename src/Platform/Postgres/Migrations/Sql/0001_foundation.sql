-- Tenants own every stream, event and read-model row; their write keys authenticate ingest.
create table cdp.tenants (
    id         text primary key,
    name       text not null,
    created_at timestamptz not null default now()
);
