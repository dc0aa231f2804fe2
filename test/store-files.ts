// The store's files as tests compare them. The data on disk is the data file and its journals
// together, so a check that nothing was written must look at all three.
import { existsSync, readFileSync } from 'node:fs';
import type { StoredUser } from '../src/server/store/data';
import { journalPaths } from '../src/server/store/journal';
import { workingCalendar } from '../src/domain/working-days';

/** The bytes of the data file and of its journals, each under a header naming it, absent ones included. */
export function storeFileBytes(storePath: string): Buffer {
  const { current, old } = journalPaths(storePath);
  return Buffer.concat(
    [storePath, current, old].flatMap((file) => {
      const bytes = existsSync(file) ? readFileSync(file) : undefined;
      return [Buffer.from(`\n--- ${file}: ${bytes ? `${bytes.length} bytes` : 'absent'}\n`), ...(bytes ? [bytes] : [])];
    }),
  );
}

/** The audit key of stores and servers the tests open: a fixed one, like a company's kept outside the data. */
export const TEST_AUDIT_KEY = Buffer.from('salesbook test audit key, for the test suite only', 'utf8');

/** A person as the store keeps them, for tests that seed a store: an employee with a placeholder hash, unless `fields` say otherwise. */
export const storedPerson = (login: string, fields: Partial<StoredUser> = {}): StoredUser => ({
  id: `id-${login}`,
  login,
  name: login,
  appRole: 'employee',
  position: 'trainee',
  mentorId: null,
  hired: '2026-01-01',
  passwordHash: 'scrypt$1$1$1$a$b',
  mustChangePassword: false,
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

/**
 * The item rules of a sign-off's store operations for tests about something else: one observation, no
 * wait after "needs work", days in Moscow and the built-in production calendar.
 */
export const ONE_OBSERVATION = { rules: { observations: 1, retryAfterDays: 0 }, timeZone: 'Europe/Moscow', calendar: workingCalendar() };
