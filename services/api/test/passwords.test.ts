import { scryptSync } from 'node:crypto';

import { expect } from 'chai';

import { hashPassword, verifyPassword } from '../src/auth/passwords.js';

describe('password hashing', () => {
  it('stores scrypt with its parameters and a salt of its own, so equal passwords hash differently', async () => {
    const [first, second] = await Promise.all([hashPassword('hunter2'), hashPassword('hunter2')]);
    expect(first).to.match(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.to.equal(second);
    expect(first).not.to.include('hunter2');
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', stored)).to.equal(true);
    expect(await verifyPassword('correct hors', stored)).to.equal(false);
    expect(await verifyPassword('', stored)).to.equal(false);
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('old password', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = ['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    expect(await verifyPassword('old password', stored)).to.equal(true);
    expect(await verifyPassword('new password', stored)).to.equal(false);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain-text', 'bcrypt$1$2$3$4$5', 'scrypt$16384$8$1$$']) {
      expect(await verifyPassword('', stored), stored).to.equal(false);
    }
  });
});
