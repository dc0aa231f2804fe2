// Builds data files for the integration tests with the store's own schema.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../../src/server/http/passwords';
import { emptyStore, storeDataSchema, type StoreData, type StoredUser } from '../../src/server/store/data';

export const SEED_PASSWORD = 'seed-pass-1';

/**
 * A scrypt hash of SEED_PASSWORD made by the server's own hashPassword, with a smaller cost (N = 2^10)
 * so that hundreds of sign-ins stay quick; the server reads the parameters from the hash itself.
 */
let cheapHash: Promise<string> | undefined;
export function seedHash(): Promise<string> {
  cheapHash ??= hashPassword(SEED_PASSWORD, { N: 1024, r: 8, p: 1, keyLength: 32 });
  return cheapHash;
}

export interface SeededPerson {
  id: string;
  login: string;
}

/** Data with one head and `count` trainees (logins p000, p001, …), all with SEED_PASSWORD. */
export async function seedData(count: number): Promise<{ data: StoreData; people: SeededPerson[] }> {
  const passwordHash = await seedHash();
  const data = emptyStore();
  const person = (login: string, appRole: StoredUser['appRole'], position: string): StoredUser => ({
    id: randomUUID(),
    login,
    name: `Сотрудник ${login}`,
    appRole,
    position,
    mentorId: null,
    hired: '2026-01-15',
    passwordHash,
    mustChangePassword: false,
    disabled: false,
    createdAt: '2026-01-15T06:00:00.000Z',
  });
  data.users.push(person('boss', 'head', 'head-of-sales'));
  const people: SeededPerson[] = [];
  for (let i = 0; i < count; i++) {
    const user = person(`p${String(i).padStart(3, '0')}`, 'employee', 'trainee');
    data.users.push(user);
    people.push({ id: user.id, login: user.login });
  }
  return { data: storeDataSchema.parse(data), people };
}

/** Writes `data` as the data file of `dataDir` (created when missing). */
export function writeStore(dataDir: string, data: unknown): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'salesbook.json'), JSON.stringify(data, null, 2));
}

/**
 * A client address of its own for the `index`-th person, sent through a trusted proxy: hundreds of
 * sign-ins from one address are what the throttle holds back (start the server with SALESBOOK_TRUST_PROXY=1).
 */
export function addressOf(index: number): string {
  return `10.0.${Math.floor(index / 250)}.${(index % 250) + 1}`;
}

/** Runs `task` over `items`, at most `limit` at a time. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The plain object an action answered, from Astro's devalue encoding (flat array, values by index). */
export function actionData(text: string): Record<string, unknown> {
  const flat = JSON.parse(text) as unknown[];
  const top = flat[0] as Record<string, number>;
  return Object.fromEntries(Object.entries(top).map(([key, index]) => [key, flat[index]]));
}
