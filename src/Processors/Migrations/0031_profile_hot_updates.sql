-- Every batch updates the profile rows and profile streams it touches. With room left in each page
-- and no index on a column the update changes, PostgreSQL updates them in place (HOT): no new
-- index entries per update, the largest per-row cost of a batch after the event rows themselves.
-- The (tenant_id, last_seen) index is dropped for that reason: last_seen changes on every event.
alter table cdp.profiles set (fillfactor = 70);
alter table cdp.streams set (fillfactor = 70);
drop index cdp.profiles_tenant_last_seen;
