import { assignTenants, listAllTenants, liveReplicas, type Sql } from '@mtm/shared';

/**
 * The supervisor replica that owns each tenant, computed as the replicas
 * compute it: the same rendezvous assignment over every tenant row and the
 * live replicas. A replica that has not looked at a change yet may still
 * disagree for up to its membership interval.
 */
export async function tenantOwners(sql: Sql): Promise<Map<string, string>> {
  const [tenants, { replicas }] = await Promise.all([listAllTenants(sql), liveReplicas(sql)]);
  return assignTenants(
    tenants.map((tenant) => tenant.id),
    replicas.map(String),
  );
}
