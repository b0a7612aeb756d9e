import { randomInt } from 'node:crypto';

import { liveReplicas, type Logger, type Sql, tryLockReplica, unlockReplica } from '@mtm/shared';

/**
 * This replica's place among the live supervisor replicas, held as a session
 * advisory lock (see sql/replicas.ts) on a client of one connection that
 * nothing else uses. If that session ends, PostgreSQL drops the lock and the
 * other replicas stop counting this one at their next look; the client
 * would reconnect with a new session silently, so every look also proves,
 * on the same connection, that the lock is still this session's. If not,
 * this replica is no member until it has locked again.
 */
export class Membership {
  readonly #sql: Sql;
  readonly #logger: Logger;
  #replica = 0;
  #member = false;
  #replicas: number[] = [];

  constructor(ctx: { sql: Sql; logger: Logger }) {
    this.#sql = ctx.sql;
    this.#logger = ctx.logger;
  }

  /** This replica's number (kept across a rejoin). */
  get replica(): number {
    return this.#replica;
  }

  /** Live replicas as last seen, this one included while it is a member. */
  get replicas(): readonly number[] {
    return this.#replicas;
  }

  get member(): boolean {
    return this.#member;
  }

  /** Takes a replica number no live replica holds. */
  async join(): Promise<void> {
    if (this.#member) return;
    // A peer that vanishes without closing its socket is noticed in ~10 s, not the OS's 2 h.
    await this.#sql`select set_config('tcp_keepalives_idle', '5', false),
      set_config('tcp_keepalives_interval', '2', false), set_config('tcp_keepalives_count', '3', false)`;
    let replica = this.#replica || randomInt(1, 2 ** 31 - 1);
    while (!(await tryLockReplica(this.#sql, replica))) replica = randomInt(1, 2 ** 31 - 1);
    this.#replica = replica;
    this.#member = true;
    this.#logger.info('joined the supervisor replicas', { replica });
  }

  /**
   * Looks at the live replicas, (re)joining first if need be. Returns true
   * when the view changed, membership lost or regained included.
   */
  async refresh(): Promise<boolean> {
    const before = `${this.#member}:${this.#replicas.join(',')}`;
    try {
      if (!this.#member) await this.join();
      const view = await liveReplicas(this.#sql, this.#replica);
      if (!view.holdsSelf) throw new Error('this session no longer holds the replica lock');
      this.#replicas = view.replicas;
    } catch (error) {
      if (this.#member)
        this.#logger.error('lost membership of the supervisor replicas', { reason: String(error) });
      this.#member = false;
      this.#replicas = [];
    }
    return `${this.#member}:${this.#replicas.join(',')}` !== before;
  }

  /** Gives up the lock, so the others take this replica's tenants at once. */
  async leave(): Promise<void> {
    if (!this.#member) return;
    this.#member = false;
    this.#replicas = [];
    await unlockReplica(this.#sql, this.#replica).catch((error: unknown) => {
      this.#logger.warn('could not unlock the replica lock; it goes with the session', {
        reason: String(error),
      });
    });
    this.#logger.info('left the supervisor replicas', { replica: this.#replica });
  }
}
