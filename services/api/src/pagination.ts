import { type Cursor, decodeCursor, encodeCursor, type Message, ValidationError } from '@mtm/shared';

import { type MessageJson, messageJson } from './representations.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface PageParams {
  limit: number;
  after?: Cursor;
}

/**
 * The validator has checked the query against the contract already; this
 * turns it into values and repeats the checks, because Express 5 re-parses
 * `req.query` (as strings) on every access.
 */
export function pageParams(query: Record<string, unknown>): PageParams {
  const { limit: rawLimit, cursor } = query;
  const limit = rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  if (cursor === undefined) return { limit };
  if (typeof cursor !== 'string') throw new ValidationError('cursor must be a single string');
  return { limit, after: decodeCursor(cursor) };
}

export interface PageJson {
  data: MessageJson[];
  next_cursor: string | null;
}

/** The cursor points after the page's last row, and exists only when another page follows. */
export function pageJson(page: { rows: Message[]; hasMore: boolean }): PageJson {
  const last = page.rows.at(-1);
  return {
    data: page.rows.map(messageJson),
    next_cursor: page.hasMore && last ? encodeCursor({ created_at: last.created_at, id: last.id }) : null,
  };
}
