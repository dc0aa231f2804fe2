import { randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION } from './data';

/**
 * Numbered migrations: `migrations[n]` turns a file of version n into version n + 1.
 * Each works on plain JSON and never needs the current schema; the result is validated after the last one.
 */
export const migrations: Record<number, (data: any) => any> = {
  // Version 1 kept people by login with one `role` field and confirmations by login.
  // Version 2 gives people stable ids, separates the app role from the position,
  // records the content hash of each confirmation and keeps lesson completions.
  1: (v1) => {
    const idByLogin = new Map<string, string>();
    for (const user of v1.users ?? []) idByLogin.set(user.login, randomUUID());
    return {
      schemaVersion: 2,
      users: (v1.users ?? []).map((user: any) => ({
        id: idByLogin.get(user.login),
        login: user.login,
        name: user.name,
        appRole: user.role,
        position: user.position,
        mentorId: user.mentor ? (idByLogin.get(user.mentor) ?? null) : null,
        hired: user.hired,
        passwordHash: user.password,
        mustChangePassword: false,
        disabled: Boolean(user.disabled),
        createdAt: user.created ?? new Date(`${user.hired}T00:00:00Z`).toISOString(),
      })),
      acknowledgements: (v1.confirmations ?? [])
        .filter((c: any) => idByLogin.has(c.login))
        .map((c: any) => ({
          id: randomUUID(),
          userId: idByLogin.get(c.login),
          docId: c.doc,
          version: c.version,
          contentHash: null,
          at: c.at,
        })),
      lessonCompletions: [],
      kpiRecords: [],
    };
  },
  // Version 3 keeps notifications and what each person receives. Its files are refused by an older
  // Salesbook with a message that says so, instead of notifications being dropped unnoticed.
  2: (v2) => ({
    ...v2,
    schemaVersion: 3,
    notifications: [],
    deliveryPrefs: [],
    outbox: [],
    digestSlots: {},
    telegramLinks: [],
    telegramCodes: [],
    telegramOffset: 0,
    announcedDocs: null,
  }),
  // Version 4 remembers the late items reported to mentors, so that none is reported twice; an older
  // Salesbook refuses its files instead of reporting them all again.
  3: (v3) => ({ ...v3, schemaVersion: 4, escalations: [], escalationsCheckedOn: null }),
  // Version 5 keeps with each quiz attempt its kind (a full attempt or the recheck of a pass) and the
  // versions of the quiz's documents it was taken against (earlier attempts were full ones; their
  // versions were not kept, null, and are read from the documents' change logs when needed), and
  // remembers whom it told that a pass or confirmation expires soon or has expired. An older Salesbook
  // refuses its files instead of dropping them.
  4: (v4) => ({
    ...v4,
    schemaVersion: 5,
    quizAttempts: (v4.quizAttempts ?? []).map((attempt: any) => ({ ...attempt, kind: 'full', docVersions: null })),
    renewalNotices: [],
  }),
  // Version 6 keeps the KPIs of motivation schemes on each month's figures, and what pulls them from a
  // CRM: who each CRM user is, which fields hold what, and the pulls made. An older Salesbook refuses
  // its files rather than drop the figures and pull the same months again.
  5: (v5) => ({
    ...v5,
    schemaVersion: 6,
    kpiRecords: (v5.kpiRecords ?? []).map((record: any) => ({ ...record, metrics: record.metrics ?? {} })),
    crmUserLinks: [],
    crmFields: [],
    crmPulls: [],
  }),
  // Version 7 keeps pay statements with their adjustments. An older Salesbook refuses its files
  // instead of dropping approved statements unnoticed.
  6: (v6) => ({
    ...v6,
    schemaVersion: 7,
    payAdjustments: [],
    payStatements: [],
  }),
};

export class NewerDataError extends Error {}

/** Brings a parsed data file up to the current version. Refuses a file from a newer Salesbook. */
export function migrate(data: any): { data: any; from: number } {
  const from = typeof data?.schemaVersion === 'number' ? data.schemaVersion : 1;
  if (from > CURRENT_SCHEMA_VERSION) {
    throw new NewerDataError(
      `it was written by a newer Salesbook (data version ${from}; this one reads up to ${CURRENT_SCHEMA_VERSION}). Upgrade Salesbook, or restore a backup made by this version.`,
    );
  }
  let current = data;
  for (let version = from; version < CURRENT_SCHEMA_VERSION; version++) current = migrations[version]!(current);
  return { data: current, from };
}
