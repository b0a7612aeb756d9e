import { PayloadTooLargeError, ValidationError } from '@mtm/shared';

/**
 * Deepest nesting of objects and arrays a payload may have (MongoDB's limit).
 * JSON.stringify recurses, and PostgreSQL's jsonb parser runs out of stack a
 * few thousand levels down, so a deeper payload could never be stored.
 */
export const MAX_PAYLOAD_DEPTH = 100;

/**
 * An escape jsonb refuses: `\u0000`, or `\ud800`-`\udfff`, which the
 * well-formed JSON.stringify writes only for a lone surrogate. It counts only
 * after an even run of backslashes: `\\u0000` is an escaped backslash
 * followed by the text "u0000".
 */
const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/**
 * Accepts a payload only if the supervisor will be able to store it: a
 * message the API confirmed and the database then refused would end in the
 * dead-letter queue, which for the client is data loss. Returns the payload,
 * typed.
 */
export function checkPayload(payload: unknown, options: { maxSize: number }): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new ValidationError('payload must be a JSON object');
  }
  if (depthExceeds(payload, MAX_PAYLOAD_DEPTH)) {
    throw new ValidationError(`payload is nested more than ${MAX_PAYLOAD_DEPTH} levels deep`);
  }
  const json = JSON.stringify(payload);
  const size = Buffer.byteLength(json);
  if (size > options.maxSize) {
    throw new PayloadTooLargeError(`payload is ${size} bytes of JSON; the limit is ${options.maxSize}`);
  }
  if (UNSTORABLE_ESCAPE.test(json)) {
    throw new ValidationError(
      'payload contains the character U+0000 or an unpaired UTF-16 surrogate, which cannot be stored',
    );
  }
  return payload as Record<string, unknown>;
}

/** Iterative, so that a hostile payload cannot overflow the stack here either. */
function depthExceeds(root: object, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Object.values(value as object)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
