-- Up Migration
-- An admin sees every tenant; a user is bound to one at creation. Demo
-- accounts are the exception: the tenant is chosen at login, so they have none.
create table users (
  id uuid primary key,
  username text not null unique check (char_length(username) between 1 and 255),
  -- scrypt$N$r$p$salt$hash (base64): the parameters travel with the hash.
  password_hash text not null,
  role text not null check (role in ('admin', 'user')),
  -- No foreign key: tenants are deleted by the supervisor, which knows nothing
  -- of users; a user whose tenant is gone simply sees nothing.
  tenant_id uuid,
  demo boolean not null default false,
  created_at timestamptz not null default now(),
  check (role = 'user' or tenant_id is null),
  check (role = 'admin' or tenant_id is not null or demo)
);

-- One row per login. Every authenticated request reads its row by primary
-- key, so a revocation here holds on every API replica at once.
create table sessions (
  id uuid primary key,
  user_id uuid not null references users (id) on delete cascade,
  tenant_id uuid,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create index sessions_user_id on sessions (user_id);

-- Refresh tokens rotate: each is accepted once (used_at), and presenting a
-- used one revokes its session. Only a hash of the token's jti is kept.
create table refresh_tokens (
  jti_hash bytea primary key,
  session_id uuid not null references sessions (id) on delete cascade,
  created_at timestamptz not null default now(),
  used_at timestamptz
);

create index refresh_tokens_session_id on refresh_tokens (session_id);

-- Failed logins within the window, by 'user:<name>' and 'address:<ip>', so
-- that the limit holds across replicas.
create table login_failures (
  key text not null,
  failed_at timestamptz not null default now()
);

create index login_failures_key_failed_at on login_failures (key, failed_at);
-- Expired failures are purged by age, whatever their key.
create index login_failures_failed_at on login_failures (failed_at);

-- Down Migration
drop table login_failures;
drop table refresh_tokens;
drop table sessions;
drop table users;
