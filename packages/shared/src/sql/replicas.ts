import type { Queryable } from '../postgres.js';

/**
 * Supervisor replicas announce themselves with a session advisory lock
 * `(REPLICA_LOCK_CLASS, replica number)`: held while the replica's session
 * lives, gone the moment PostgreSQL sees the session end (a crash, a kill, a
 * lost connection). The set of granted locks of this class is the set of
 * live replicas; nothing to expire, no clock involved.
 */
export const REPLICA_LOCK_CLASS = 0x6d746d01;

/** Takes the lock of `replica` on this session; false when another session holds it. */
export async function tryLockReplica(sql: Queryable, replica: number): Promise<boolean> {
  const [row] = await sql<{ locked: boolean }[]>`
    select pg_try_advisory_lock(${REPLICA_LOCK_CLASS}::int, ${replica}::int) as locked`;
  return row!.locked;
}

export async function unlockReplica(sql: Queryable, replica: number): Promise<void> {
  await sql`select pg_advisory_unlock(${REPLICA_LOCK_CLASS}::int, ${replica}::int)`;
}

export interface ReplicaView {
  /** Live replicas, ascending. */
  replicas: number[];
  /** Whether the asking session holds `self`'s lock (undefined when no `self` was given). */
  holdsSelf?: boolean;
}

/** The live replicas, in one round trip; asked on a replica's own session it also proves that session still holds its lock. */
export async function liveReplicas(sql: Queryable, self?: number): Promise<ReplicaView> {
  const rows = await sql<{ replica: string; mine: boolean }[]>`
    select l.objid::text::bigint as replica, l.pid = pg_backend_pid() as mine
    from pg_locks l
    where l.locktype = 'advisory' and l.granted and l.objsubid = 2
      and l.classid = ${REPLICA_LOCK_CLASS}::int::text::oid
      and l.database = (select oid from pg_database where datname = current_database())
    order by 1`;
  const replicas = rows.map((row) => Number(row.replica));
  if (self === undefined) return { replicas };
  return { replicas, holdsSelf: rows.some((row) => Number(row.replica) === self && row.mine) };
}
