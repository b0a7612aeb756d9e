-- Up Migration
create table tenants (
  id uuid primary key,
  name text not null check (char_length(name) between 1 and 255),
  workers integer not null check (workers >= 1),
  status text not null default 'active' check (status in ('active', 'deleting')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A name is free again as soon as its tenant is being deleted.
create unique index tenants_active_name on tenants (name) where status = 'active';

-- One partition per tenant, created at run time (see sql/partitions.ts).
create table messages (
  id uuid not null,
  tenant_id uuid not null,
  payload jsonb not null,
  created_at timestamptz not null,
  primary key (tenant_id, id)
) partition by list (tenant_id);

-- Keyset pagination, newest first.
create index messages_created_at_id on messages (created_at desc, id desc);
-- Lookup by id alone (GET /api/v1/messages/{id}).
create index messages_id on messages (id);

-- Down Migration
drop table messages;
drop table tenants;
