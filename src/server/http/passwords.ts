import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { scryptN } from '../config';

function scrypt(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export interface HashParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** N = 2^17, r = 8, p = 1: 128 MiB and a few hundred milliseconds per hash (SALESBOOK_SCRYPT_N changes N). */
export function currentParams(): HashParams {
  return { N: scryptN(), r: 8, p: 1, keyLength: 32 };
}

/** Hashes a password with scrypt; the parameters and the salt are stored inside the string. */
export async function hashPassword(password: string, params = currentParams()): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * 2 });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against a stored hash in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!N || !r || !p || expected.length === 0) return false;
  const actual = await scrypt(password, salt, expected.length, { N, r, p, maxmem: 128 * N * r * 2 });
  return timingSafeEqual(actual, expected);
}

/** Whether a stored hash is weaker than new ones are made, and so is made again at the next sign-in. */
export function needsRehash(stored: string, params = currentParams()): boolean {
  const [kind, N, r, p, , key] = stored.split('$');
  if (kind !== 'scrypt') return true;
  return Number(N) < params.N || Number(r) < params.r || Number(p) < params.p || Buffer.from(key ?? '', 'base64').length < params.keyLength;
}

/** A hash to compare against when a login does not exist, so the answer takes as long either way. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(12).toString('base64'));
  return dummy;
}

/** A temporary password for a new person: easy to read aloud, hard to guess. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) out += alphabet[bytes[i]! % alphabet.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** The password rule, one place: at least 8 characters, not only digits. */
export function passwordProblem(password: string): 'short' | 'digits' | undefined {
  if (password.length < 8) return 'short';
  if (/^\d+$/.test(password)) return 'digits';
  return undefined;
}
