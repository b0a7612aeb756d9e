import type { Queryable } from '@mtm/shared';

/** Failed logins by key within the last `window` ms, and when the oldest of them stops counting. */
export async function countLoginFailures(
  sql: Queryable,
  key: string,
  window: number,
): Promise<{ count: number; retryAfterMs: number }> {
  const [row] = await sql<{ count: string; retry_after_ms: number | null }[]>`
    select count(*) as count,
      extract(epoch from (min(failed_at) + ${window} * interval '1 millisecond' - now())) * 1000 as retry_after_ms
    from login_failures
    where key = ${key} and failed_at > now() - ${window} * interval '1 millisecond'`;
  return { count: Number(row!.count), retryAfterMs: Number(row!.retry_after_ms ?? 0) };
}

/**
 * Records a failure for each key, and forgets every failure that no longer
 * counts, so that usernames tried once and never again do not pile up.
 */
export async function recordLoginFailure(sql: Queryable, keys: string[], window: number): Promise<void> {
  await sql`insert into login_failures (key) select unnest(${keys}::text[])`;
  await sql`delete from login_failures where failed_at <= now() - ${window} * interval '1 millisecond'`;
}

/** A successful login clears its username's count; an address keeps its own. */
export async function clearLoginFailures(sql: Queryable, key: string): Promise<void> {
  await sql`delete from login_failures where key = ${key}`;
}
