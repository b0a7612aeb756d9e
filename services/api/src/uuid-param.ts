import type { Request } from 'express';

/**
 * The `{id}` of a route, as PostgreSQL spells a uuid. The contract accepts
 * upper case, and PostgreSQL compares uuids without regard to case, but
 * queue and partition names are plain text: a tenant addressed in capitals
 * must still be the tenant its queue is named after.
 */
export function uuidParam(req: Request<{ id?: string }>): string {
  return req.params.id!.toLowerCase();
}
