import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, temporaryPassword, verifyPassword } from '../../src/server/http/passwords';

const fast = { N: 1024, r: 8, p: 1, keyLength: 32 };

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

  it('uses strong parameters by default', async () => {
    expect(await hashPassword('x')).toMatch(/^scrypt\$32768\$8\$1\$/);
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
