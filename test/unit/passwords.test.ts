import { afterEach, describe, expect, it } from 'vitest';
import { scryptN } from '../../src/server/config';
import { hashPassword, needsRehash, passwordProblem, temporaryPassword, verifyPassword } from '../../src/server/http/passwords';

const fast = { N: 1024, r: 8, p: 1, keyLength: 32 };

const savedN = process.env.SALESBOOK_SCRYPT_N;
afterEach(() => {
  if (savedN === undefined) delete process.env.SALESBOOK_SCRYPT_N;
  else process.env.SALESBOOK_SCRYPT_N = savedN;
});

describe('password hashing', () => {
  it('stores scrypt parameters and a salt inside the hash, and verifies the right password only', async () => {
    const hash = await hashPassword('Продажи2026', fast);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('Продажи2026');
    expect(await verifyPassword('Продажи2026', hash)).toBe(true);
    expect(await verifyPassword('продажи2026', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so the same password hashes differently', async () => {
    expect(await hashPassword('same-password', fast)).not.toBe(await hashPassword('same-password', fast));
  });

  it('uses N = 2^17, r = 8, p = 1 by default', async () => {
    delete process.env.SALESBOOK_SCRYPT_N;
    expect(await hashPassword('x')).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('takes N from SALESBOOK_SCRYPT_N, and refuses one that is not a power of two in range with a message', () => {
    process.env.SALESBOOK_SCRYPT_N = '16384';
    expect(scryptN()).toBe(16384);
    for (const bad of ['1000', '512', '2097152', 'lots']) {
      process.env.SALESBOOK_SCRYPT_N = bad;
      expect(() => scryptN()).toThrow(`Salesbook: SALESBOOK_SCRYPT_N must be a power of two from 1024 to 1048576 (131072 when unset); it is "${bad}".`);
    }
  });

  it('asks for a new hash when the stored one is weaker than new ones, never when it is as strong or stronger', async () => {
    const today = { N: 131072, r: 8, p: 1, keyLength: 32 };
    const weak = await hashPassword('x', fast);
    expect(needsRehash(weak, today)).toBe(true);
    expect(needsRehash(weak, fast)).toBe(false);
    expect(needsRehash(weak.replace('scrypt$1024$', 'scrypt$262144$'), today)).toBe(false);
    expect(needsRehash(weak.replace('$8$1$', '$4$1$'), { ...fast })).toBe(true);
    expect(needsRehash('plain', fast)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$1$2$3', 'bcrypt$1$2$3$4$5', 'scrypt$0$8$1$c2FsdA==$']) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('makes readable temporary passwords that pass the password rule', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const password = temporaryPassword();
      expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(passwordProblem(password)).toBeUndefined();
      seen.add(password);
    }
    expect(seen.size).toBe(50);
  });

  it('rejects short and digits-only passwords', () => {
    expect(passwordProblem('1234567')).toBe('short');
    expect(passwordProblem('12345678')).toBe('digits');
    expect(passwordProblem('пароль-надёжный')).toBeUndefined();
  });
});
