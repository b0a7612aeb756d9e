import { createHash } from 'node:crypto';

/**
 * Which live supervisor replica owns each tenant: rendezvous (highest random
 * weight) hashing with bounded loads. Every replica, and the API, computes
 * the same answer from the same tenants and replicas, with no coordination.
 *
 * - Stable: a tenant's preferred replica depends only on the pair, so a
 *   replica joining takes about 1/R of the tenants and one leaving gives up
 *   only its own.
 * - Even: no replica takes more than ceil(ceil(T/R) × loadFactor) tenants;
 *   a tenant whose preferred replica is full goes to its next preference.
 *   Tenants are placed in id order (creation order for UUIDv7), so a new
 *   tenant never displaces an older one.
 */
export function assignTenants(
  tenantIds: readonly string[],
  replicaIds: readonly string[],
  loadFactor = 1.25,
): Map<string, string> {
  const assignment = new Map<string, string>();
  const replicas = [...new Set(replicaIds)].sort();
  if (replicas.length === 0) return assignment;
  const tenants = [...new Set(tenantIds)].sort();
  const capacity = Math.ceil(Math.ceil(tenants.length / replicas.length) * loadFactor);
  const load = new Map(replicas.map((replica) => [replica, 0]));
  for (const tenant of tenants) {
    const ranked = replicas
      .map((replica) => ({ replica, score: score(replica, tenant) }))
      .sort((a, b) => b.score - a.score || (a.replica < b.replica ? -1 : 1));
    const owner = ranked.find(({ replica }) => load.get(replica)! < capacity)!.replica;
    load.set(owner, load.get(owner)! + 1);
    assignment.set(tenant, owner);
  }
  return assignment;
}

/** 48 bits of SHA-256 of the pair: uniform, and the same in every process. */
function score(replica: string, tenant: string): number {
  return createHash('sha256').update(`${replica}\0${tenant}`).digest().readUIntBE(0, 6);
}
