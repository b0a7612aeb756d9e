import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * scrypt with a per-user salt. The parameters are stored with each hash
 * (`scrypt$N$r$p$salt$hash`), so they can be raised later without
 * invalidating existing passwords.
 */
const PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 64;
/** Shorter stored keys are corrupt; an empty one would compare equal to anything. */
const MIN_KEY_BYTES = 16;

function derive(password: string, salt: Buffer, params: ScryptOptions, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, { ...params, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, PARAMS, KEY_BYTES);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const expected = Buffer.from(hash ?? '', 'base64');
  const saltBytes = Buffer.from(salt ?? '', 'base64');
  if (
    scheme !== 'scrypt' ||
    rest.length > 0 ||
    !Object.values(params).every((value) => Number.isInteger(value) && value > 0) ||
    saltBytes.length === 0 ||
    expected.length < MIN_KEY_BYTES
  ) {
    return false;
  }
  const key = await derive(password, saltBytes, params, expected.length);
  return timingSafeEqual(key, expected);
}

/**
 * A hash to check against when the username does not exist, so that an
 * unknown user costs as much time as a wrong password and the answer's
 * timing does not tell which usernames exist.
 */
export function dummyHash(): () => Promise<string> {
  let hash: Promise<string> | undefined;
  return () => (hash ??= hashPassword(randomBytes(16).toString('hex')));
}
