import { existsSync, readdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../temp';
import { CURRENT_SCHEMA_VERSION, emptyStore, storeDataSchema } from '../../src/server/store/data';
import { migrate } from '../../src/server/store/migrations';
import { InvalidChangeError, openStore, readStoreState, type OpenStoreOptions, type Store } from '../../src/server/store/store';
import { storedPerson, storeFileBytes, TEST_AUDIT_KEY } from '../store-files';
import { listBackups, rotateBackups } from '../../src/server/store/backups';
import { acquireLock } from '../../src/server/store/lock';

const opened: Store[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

function folder() {
  const dir = tempDir('salesbook-store-');
  const options: OpenStoreOptions = { path: join(dir, 'salesbook.json'), lockPath: join(dir, 'salesbook.json.lock'), backupsDir: join(dir, 'backups'), auditKey: TEST_AUDIT_KEY };
  return { dir, options };
}

async function open(options: OpenStoreOptions) {
  const store = await openStore(options);
  opened.push(store);
  return store;
}

const person = storedPerson;

describe('migrations', () => {
  it('upgrades a version 1 file to the current version, keeping people and confirmations', () => {
    const v1 = JSON.parse(readFileSync(resolve('test/fixtures/store/salesbook-v1.json'), 'utf8'));
    const { data, from } = migrate(v1);
    expect(from).toBe(1);
    const parsed = storeDataSchema.parse(data);
    expect(parsed.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(parsed.users.map((u) => [u.login, u.appRole, u.disabled, u.mustChangePassword])).toEqual([
      ['sokolova', 'head', false, false],
      ['orlov', 'mentor', false, false],
      ['smirnov', 'employee', true, false],
    ]);
    const byLogin = new Map(parsed.users.map((u) => [u.login, u]));
    expect(byLogin.get('smirnov')!.mentorId).toBe(byLogin.get('orlov')!.id);
    expect(byLogin.get('orlov')!.mentorId).toBe(byLogin.get('sokolova')!.id);
    // The confirmation of someone no longer in the file cannot be attributed and is dropped.
    expect(parsed.acknowledgements.map((a) => [a.userId, a.docId, a.version, a.contentHash])).toEqual([
      [byLogin.get('smirnov')!.id, 'lead-handling', '1.0', null],
      [byLogin.get('orlov')!.id, 'motivation-statute', '1.2', null],
    ]);
  });

  it('opening a version 1 file migrates it on disk and keeps a backup of the original', async () => {
    const { options } = folder();
    cpSync(resolve('test/fixtures/store/salesbook-v1.json'), options.path);
    const store = await open(options);
    expect(await store.read((d) => d.users.length)).toBe(3);
    expect(JSON.parse(readFileSync(options.path, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    const backups = await listBackups(options.backupsDir);
    const start = backups.find((b) => b.kind === 'start')!;
    expect(JSON.parse(readFileSync(start.path, 'utf8')).schemaVersion).toBe(1);
  });

  it('upgrades a version 2 file: everything kept, no notifications yet, documents not yet announced', async () => {
    const v2 = migrate(JSON.parse(readFileSync(resolve('test/fixtures/store/salesbook-v1.json'), 'utf8'))).data;
    const asVersion2 = { ...v2, schemaVersion: 2 };
    delete asVersion2.notifications;
    delete asVersion2.deliveryPrefs;
    delete asVersion2.announcedDocs;
    delete asVersion2.outbox;
    delete asVersion2.digestSlots;
    for (const key of ['telegramLinks', 'telegramCodes', 'telegramOffset']) delete asVersion2[key];
    const { data, from } = migrate(structuredClone(asVersion2));
    expect(from).toBe(2);
    const parsed = storeDataSchema.parse(data);
    expect(parsed).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, notifications: [], deliveryPrefs: [], outbox: [], digestSlots: {}, telegramLinks: [], telegramCodes: [], telegramOffset: 0, announcedDocs: null });
    expect(parsed.users).toEqual(storeDataSchema.parse({ ...asVersion2, schemaVersion: CURRENT_SCHEMA_VERSION, notifications: [], deliveryPrefs: [], outbox: [], digestSlots: {}, telegramLinks: [], telegramCodes: [], telegramOffset: 0, announcedDocs: null, escalations: [], escalationsCheckedOn: null, payAdjustments: [], payStatements: [] }).users);

    const { options } = folder();
    writeFileSync(options.path, JSON.stringify(asVersion2));
    const store = await open(options);
    expect(await store.read((d) => [d.users.length, d.notifications.length])).toEqual([3, 0]);
    expect(JSON.parse(readFileSync(options.path, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    const start = (await listBackups(options.backupsDir)).find((b) => b.kind === 'start')!;
    expect(JSON.parse(readFileSync(start.path, 'utf8')).schemaVersion).toBe(2);
  });

  it('upgrades a version 3 file: everything kept, nothing reported as late yet', async () => {
    const v3 = { ...emptyStore(), schemaVersion: 3, users: [], notifications: [], announcedDocs: { 'sales-rules': '2.0' } } as Record<string, unknown>;
    delete v3.escalations;
    delete v3.escalationsCheckedOn;
    const { data, from } = migrate(structuredClone(v3));
    expect(from).toBe(3);
    expect(storeDataSchema.parse(data)).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, escalations: [], escalationsCheckedOn: null, announcedDocs: { 'sales-rules': '2.0' } });
    const { options } = folder();
    writeFileSync(options.path, JSON.stringify(v3));
    const store = await open(options);
    expect(await store.read((d) => [d.escalations, d.escalationsCheckedOn])).toEqual([[], null]);
    expect(JSON.parse(readFileSync(options.path, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('upgrades a version 4 file: every quiz attempt kept as a full one whose documents’ versions are unknown', async () => {
    const attempt = {
      id: 'a1', userId: 'u1', quizId: 'basics-final', seed: 's', startedAt: '2026-05-01T09:00:00.000Z', deadline: null,
      questions: [{ id: 'q1' }], answers: {}, submittedAt: '2026-05-01T09:05:00.000Z', late: false, score: 100, passed: true, results: [{ id: 'q1', points: 1, outcome: 'right' }],
    };
    const v4 = { ...emptyStore(), schemaVersion: 4, quizAttempts: [attempt] } as Record<string, unknown>;
    const { data, from } = migrate(structuredClone(v4));
    expect(from).toBe(4);
    expect(storeDataSchema.parse(data).quizAttempts).toEqual([{ ...attempt, kind: 'full', docVersions: null }]);
    // A version 5 attempt without its kind is refused: the schema does not guess it.
    expect(storeDataSchema.safeParse({ ...data, quizAttempts: [attempt] }).success).toBe(false);
  });

  it('upgrades a version 4 file to version 5: everything kept, nobody told of an expiring pass yet', async () => {
    const v4 = { ...emptyStore(), schemaVersion: 4, users: [], escalations: [{ userId: 'u1', itemKind: 'doc', itemId: 'crm-entry', due: '2026-11-10', at: '2026-11-13T06:00:00.000Z' }], escalationsCheckedOn: '2026-11-13' } as Record<string, unknown>;
    delete v4.renewalNotices;
    const { data, from } = migrate(structuredClone(v4));
    expect(from).toBe(4);
    expect(storeDataSchema.parse(data)).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, renewalNotices: [], escalationsCheckedOn: '2026-11-13', escalations: [expect.objectContaining({ itemId: 'crm-entry' })] });
    const { options } = folder();
    writeFileSync(options.path, JSON.stringify(v4));
    const store = await open(options);
    expect(await store.read((d) => d.renewalNotices)).toEqual([]);
    expect(JSON.parse(readFileSync(options.path, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('upgrades a version 5 file to version 6: each month’s figures with no KPIs of schemes yet, no CRM mapped or pulled', async () => {
    const record = { userId: 'id-trainee1', month: '2026-10', revenue: 1_440_000, margin: 345_600, deals: 3, leads: 12, plan: 320_000, source: 'october.csv', importedAt: '2026-11-02T09:00:00.000Z' };
    const v5 = { ...emptyStore(), schemaVersion: 5, users: [person('trainee1')], kpiRecords: [record] } as Record<string, unknown>;
    for (const key of ['crmUserLinks', 'crmFields', 'crmPulls']) delete v5[key];
    const { data, from } = migrate(structuredClone(v5));
    expect(from).toBe(5);
    expect(storeDataSchema.parse(data)).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, kpiRecords: [{ ...record, metrics: {} }], crmUserLinks: [], crmFields: [], crmPulls: [] });
    const { options } = folder();
    writeFileSync(options.path, JSON.stringify(v5));
    const store = await open(options);
    expect(await store.read((d) => d.kpiRecords[0]!.metrics)).toEqual({});
    expect(JSON.parse(readFileSync(options.path, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('upgrades a version 6 file: KPI records kept as they were, and no pay statements yet', async () => {
    const record = { userId: 'u1', month: '2026-10', revenue: 1_000_000, margin: 250_000, deals: 3, leads: 12, plan: 200_000, metrics: { receivables: 95 }, source: 'october.csv', importedAt: '2026-11-02T09:00:00.000Z' };
    const v6 = { ...emptyStore(), schemaVersion: 6, kpiRecords: [record] } as Record<string, unknown>;
    delete v6.payAdjustments;
    delete v6.payStatements;
    const { data, from } = migrate(structuredClone(v6));
    expect(from).toBe(6);
    expect(storeDataSchema.parse(data)).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, kpiRecords: [record], payAdjustments: [], payStatements: [] });
    const { options } = folder();
    writeFileSync(options.path, JSON.stringify(v6));
    const store = await open(options);
    expect(await store.read((d) => d.kpiRecords)).toEqual([record]);
    expect(JSON.parse(readFileSync(options.path, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    const start = (await listBackups(options.backupsDir)).find((b) => b.kind === 'start')!;
    expect(JSON.parse(readFileSync(start.path, 'utf8')).schemaVersion).toBe(6);
  });

  it('refuses a file written by a newer Salesbook', () => {
    expect(() => migrate({ schemaVersion: 99 })).toThrow(`newer Salesbook (data version 99; this one reads up to ${CURRENT_SCHEMA_VERSION})`);
  });
});

describe('opening the data file', () => {
  it('creates a missing file from the seed on a first start', async () => {
    const { options } = folder();
    const seed = emptyStore();
    seed.users.push(person('anna'));
    const store = await open({ ...options, seed: () => seed });
    expect(await store.read((d) => d.users.map((u) => u.login))).toEqual(['anna']);
    expect(existsSync(options.path)).toBe(true);
  });

  it.each([
    ['empty', '', /is empty/],
    ['truncated', '{"schemaVersion":2,"users":[{"id"', /is not valid JSON/],
    ['null', 'null', /holds null instead of Salesbook data/],
    ['empty object', '{}', /holds no data version \("schemaVersion"\), so it is not Salesbook data/],
    ['version-less', JSON.stringify({ users: [], acknowledgements: [] }), /holds no data version/],
    ['schema-invalid', JSON.stringify({ schemaVersion: 2, users: [{ login: 'x' }], acknowledgements: [], lessonCompletions: [] }), /does not hold valid Salesbook data/],
  ])('refuses an %s file, names it and leaves it untouched', async (_kind, text, message) => {
    const { options } = folder();
    writeFileSync(options.path, text);
    await expect(openStore(options)).rejects.toThrow(message);
    await expect(openStore(options)).rejects.toThrow(options.path);
    expect(readFileSync(options.path, 'utf8')).toBe(text);
    expect(existsSync(options.lockPath)).toBe(false);
  });

  it('refuses to start on a missing file when backups show data existed', async () => {
    const { options } = folder();
    const store = await openStore(options);
    await store.close();
    const { unlinkSync } = await import('node:fs');
    unlinkSync(options.path);
    await expect(openStore(options)).rejects.toThrow(/is missing, but backups exist/);
    expect(existsSync(options.path)).toBe(false);
  });

  it('a second store on the same file refuses and names the process holding it', async () => {
    const { options } = folder();
    await open(options);
    await expect(openStore(options)).rejects.toThrow(new RegExp(`pid ${process.pid}`));
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const { options } = folder();
    writeFileSync(options.lockPath, JSON.stringify({ pid: 999_999_999, host: (require('node:os') as typeof import('node:os')).hostname(), since: '2026-01-01T00:00:00Z' }));
    const release = acquireLock(options.lockPath);
    expect(JSON.parse(readFileSync(options.lockPath, 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(options.lockPath)).toBe(false);
  });
});

describe('backups', () => {
  it('keeps one per day for seven days and the latest starts, and never removes manual ones', async () => {
    const { options } = folder();
    writeFileSync(options.path, JSON.stringify(emptyStore()));
    const { makeBackup } = await import('../../src/server/store/backups');
    for (let day = 1; day <= 10; day++) await rotateBackups(options.path, options.backupsDir, { days: 7, starts: 2 }, new Date(Date.UTC(2026, 10, day, 12)));
    for (let i = 0; i < 4; i++) await makeBackup(options.path, options.backupsDir, 'start', new Date(Date.UTC(2026, 10, 10, 12, i)));
    await makeBackup(options.path, options.backupsDir, 'manual', new Date(Date.UTC(2026, 10, 1)));
    await rotateBackups(options.path, options.backupsDir, { days: 7, starts: 2 }, new Date(Date.UTC(2026, 10, 10, 13)));
    const names = (await listBackups(options.backupsDir)).map((b) => b.name);
    expect(names.filter((n) => n.startsWith('daily'))).toEqual([
      'daily-2026-11-10.json', 'daily-2026-11-09.json', 'daily-2026-11-08.json', 'daily-2026-11-07.json',
      'daily-2026-11-06.json', 'daily-2026-11-05.json', 'daily-2026-11-04.json',
    ]);
    expect(names.filter((n) => n.startsWith('start'))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('manual'))).toHaveLength(1);
  });

  it('gives backups made at the same instant names of their own, so none replaces another', async () => {
    const { options } = folder();
    writeFileSync(options.path, JSON.stringify(emptyStore()));
    const { makeBackup } = await import('../../src/server/store/backups');
    const at = new Date(Date.UTC(2026, 10, 10, 12));
    const paths = [await makeBackup(options.path, options.backupsDir, 'manual', at), await makeBackup(options.path, options.backupsDir, 'manual', at, '{"x":1}')];
    expect(new Set(paths).size).toBe(2);
    expect(paths.map((p) => readFileSync(p, 'utf8'))).toEqual([JSON.stringify(emptyStore()), '{"x":1}']);
    expect((await listBackups(options.backupsDir)).map((b) => b.name)).toEqual(['manual-2026-11-10T12-00-00.001Z.json', 'manual-2026-11-10T12-00-00.000Z.json']);
  });

  it('a start removes temporaries left by a run that stopped while writing, and says so', async () => {
    const { dir, options } = folder();
    const store = await openStore(options);
    await store.close();
    const dead = 2 ** 22 + 4242;
    writeFileSync(join(dir, `.salesbook.json.${dead}.tmp`), '{"half');
    writeFileSync(join(options.backupsDir, `.backup-${dead}-1767225600000.tmp`), '{"half');
    // A backup being written by a process that still runs is left alone.
    writeFileSync(join(options.backupsDir, `.backup-${process.ppid}-1767225600000.tmp`), '{"under way');
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await open(options);
    expect(String(warnings.mock.calls[0]![0])).toBe(
      `Salesbook: removed 2 temporary file(s) left by a run that stopped while writing: .salesbook.json.${dead}.tmp, backups/.backup-${dead}-1767225600000.tmp.`,
    );
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(options.backupsDir).filter((name) => name.endsWith('.tmp'))).toEqual([`.backup-${process.ppid}-1767225600000.tmp`]);
    warnings.mockRestore();
  });

  it('restarts without changes keep the earlier start backups: one copy of unchanged data, not one per start', async () => {
    const { options } = folder();
    const policy = { days: 7, starts: 3 };
    for (const login of ['anna', 'boris', 'vera']) {
      const store = await openStore({ ...options, backupPolicy: policy });
      await store.mutate((d) => void d.users.push(person(login)));
      await store.close();
    }
    for (let i = 0; i < 5; i++) await (await openStore({ ...options, backupPolicy: policy })).close();
    const starts = (await listBackups(options.backupsDir)).filter((b) => b.kind === 'start');
    const people = starts.map((b) => (JSON.parse(readFileSync(b.path, 'utf8')) as { users: { login: string }[] }).users.map((u) => u.login).join(','));
    expect(people).toEqual(['anna,boris,vera', 'anna,boris', 'anna']);
  });
});
