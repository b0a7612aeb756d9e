/**
 * Glossary
 *
 * - tenant: a customer of the platform. Owns one queue (plus its dead-letter
 *   queue), one partition of `messages` and one worker pool.
 * - message: a JSON payload a client published to a tenant. The API assigns its
 *   id (UUIDv7) and `created_at` before it reaches the broker, so a retry of the
 *   same message is recognisable everywhere downstream.
 * - pool: the consumer of one tenant's queue inside a supervisor replica; it
 *   gathers deliveries into batches and writes them with `workers` writers.
 * - worker: one batch writer of a pool; `workers` is how many batches of a
 *   tenant may be committing at the same time.
 * - replica: one running process of a service. API replicas share nothing;
 *   supervisor replicas divide the tenants between them.
 * - owner: the supervisor replica that runs a tenant's pool.
 */

export type TenantStatus = 'active' | 'deleting';

export interface Tenant {
  id: string;
  name: string;
  workers: number;
  status: TenantStatus;
  created_at: Date;
  updated_at: Date;
}

/** A message as the API publishes it and the supervisor stores it. */
export interface Message {
  id: string;
  tenant_id: string;
  payload: Record<string, unknown>;
  created_at: Date;
}
