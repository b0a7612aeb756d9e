import { PayloadTooLargeError, ValidationError } from '@mtm/shared';
import { expect } from 'chai';

import { checkPayload, MAX_PAYLOAD_DEPTH } from '../src/payload.js';

describe('checkPayload', () => {
  const check = (payload: unknown, maxSize = 1_000): unknown => checkPayload(payload, { maxSize });

  it('returns a JSON object unchanged', () => {
    const payload = { a: [1, { b: 'c' }], d: null };
    expect(check(payload)).to.equal(payload);
  });

  for (const [what, payload] of [
    ['an array', []],
    ['null', null],
    ['a string', 'x'],
    ['a number', 1],
    ['undefined', undefined],
  ] as const) {
    it(`rejects ${what} with a ValidationError`, () => {
      expect(() => check(payload)).to.throw(ValidationError, 'must be a JSON object');
    });
  }

  it('measures size in UTF-8 bytes of JSON, not in characters', () => {
    // {"e":"é…"}: 8 bytes of punctuation and key, 2 bytes per é.
    expect(() => check({ e: 'é'.repeat(496) })).to.not.throw();
    expect(() => check({ e: 'é'.repeat(497) })).to.throw(PayloadTooLargeError, '1002 bytes');
  });

  for (const [what, payload] of [
    ['U+0000 in a value', { a: '\u0000' }],
    ['U+0000 in a key', { ['\u0000']: 1 }],
    ['U+0000 after an escaped backslash', { a: '\\\u0000' }],
    ['a lone high surrogate', { a: '\ud800' }],
    ['a lone low surrogate', { a: ['\udfff'] }],
    ['a low surrogate before a high one', { a: '\udc00\ud800' }],
  ] as const) {
    it(`rejects ${what}`, () => {
      expect(() => check(payload)).to.throw(ValidationError, 'cannot be stored');
    });
  }

  for (const [what, payload] of [
    ['a backslash followed by the text u0000', { a: '\\u0000' }],
    ['two backslashes followed by the text ud800', { a: '\\\\ud800' }],
    ['a surrogate pair', { a: '\ud83d\ude00' }],
    ['other control characters', { a: '\u0001\t\n' }],
  ] as const) {
    it(`accepts ${what}`, () => {
      expect(() => check(payload)).to.not.throw();
    });
  }

  it(`accepts ${MAX_PAYLOAD_DEPTH} levels of nesting and rejects more, arrays included`, () => {
    const nest = (depth: number): unknown => {
      let value: unknown = {};
      for (let i = 1; i < depth; i++) value = i % 2 ? [value] : { v: value };
      return value;
    };
    expect(() => check({ v: nest(MAX_PAYLOAD_DEPTH - 1) }, 1e6)).to.not.throw();
    expect(() => check({ v: nest(MAX_PAYLOAD_DEPTH) }, 1e6)).to.throw(ValidationError, 'nested');
  });
});
