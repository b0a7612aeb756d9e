import { ValidationError } from './errors.js';

/** Position after the last row of a page, in `(created_at, id)` order. */
export interface Cursor {
  created_at: Date;
  id: string;
}

const ISO_MILLIS = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cursors are opaque to clients: base64url of a small JSON pair. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.created_at.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  // Four-digit years only: JavaScript also writes +010000-… and -000001-…,
  // which PostgreSQL refuses.
  if (!ISO_MILLIS.test(createdAt)) throw invalid();
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt) throw invalid();
  return { created_at: date, id: id.toLowerCase() };
}

function invalid(): ValidationError {
  return new ValidationError('cursor is not one this API issued');
}
