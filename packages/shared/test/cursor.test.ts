import { decodeCursor, encodeCursor, ValidationError } from '@mtm/shared';
import { expect } from 'chai';

describe('cursor', () => {
  it('decodes what it encodes', () => {
    const cursor = {
      created_at: new Date('2026-01-02T03:04:05.678Z'),
      id: '01890a5d-ac96-774b-bcce-b302099a8057',
    };
    expect(decodeCursor(encodeCursor(cursor))).to.deep.equal(cursor);
  });

  for (const [what, text] of [
    ['garbage', '!!!'],
    ['base64 of a non-array', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad id', Buffer.from('["2026-01-02T03:04:05.678Z","nope"]').toString('base64url')],
    ['a bad date', Buffer.from('["yesterday","01890a5d-ac96-774b-bcce-b302099a8057"]').toString('base64url')],
    ['an empty string', ''],
    [
      'a six-digit year',
      Buffer.from('["+010000-01-01T00:00:00.000Z","01890a5d-ac96-774b-bcce-b302099a8057"]').toString(
        'base64url',
      ),
    ],
    [
      'a negative year',
      Buffer.from('["-000001-01-01T00:00:00.000Z","01890a5d-ac96-774b-bcce-b302099a8057"]').toString(
        'base64url',
      ),
    ],
    [
      'year zero',
      Buffer.from('["0000-01-01T00:00:00.000Z","01890a5d-ac96-774b-bcce-b302099a8057"]').toString(
        'base64url',
      ),
    ],
  ] as const) {
    it(`rejects ${what} with a ValidationError`, () => {
      expect(() => decodeCursor(text)).to.throw(ValidationError);
    });
  }
});
